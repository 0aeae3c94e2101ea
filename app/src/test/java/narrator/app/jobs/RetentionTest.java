package narrator.app.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import narrator.app.db.Database;
import narrator.app.testing.MutableClock;
import narrator.app.testing.Engine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@ParameterizedClass
@EnumSource(Engine.class)
class RetentionTest {
    @Parameter
    Engine engine;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private Database db;
    private Retention retention;

    @BeforeEach
    void open() {
        db = engine.open(dir);
        retention = new Retention(db.dataSource(), clock, Duration.ofDays(30), 2,
                id -> List.of(dir.resolve("files").resolve(id + ".mp4")));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void removesOldFinishedJobsTheirFilesAndSettledWebhookRowsInBoundedRounds() throws Exception {
        long old = T0.toEpochMilli();
        job("done1", "completed", old);
        job("done2", "failed", old + 1);
        job("done3", "cancelled", old + 2);
        job("queued", "queued", null);
        job("running", "processing", null);
        hook("done1", "delivered");
        hook("done1", "failed");
        hook("running", "delivered");
        run("done1");
        run("running");
        Files.createDirectories(dir.resolve("files"));
        for (String id : List.of("done1", "done2", "done3", "recent")) {
            Files.writeString(dir.resolve("files").resolve(id + ".mp4"), "x");
        }

        clock.advance(Duration.ofDays(29));
        job("recent", "completed", clock.millis());
        assertEquals(0, retention.sweepOnce(), "nothing is older than RETENTION yet");

        clock.advance(Duration.ofDays(2));
        assertEquals(2, retention.sweepOnce(), "one round removes at most a batch");
        assertEquals(1, retention.sweepOnce());
        assertEquals(0, retention.sweepOnce());

        assertEquals(List.of("queued", "recent", "running"), ids("SELECT id FROM jobs ORDER BY id"));
        assertEquals(List.of("running"), ids("SELECT job_id FROM webhook_deliveries"));
        assertEquals(List.of("running"), ids("SELECT job_id FROM job_runs"));
        assertFalse(Files.exists(dir.resolve("files/done1.mp4")));
        assertFalse(Files.exists(dir.resolve("files/done3.mp4")));
        assertTrue(Files.exists(dir.resolve("files/recent.mp4")));
    }

    @Test
    void keepsAJobWhoseWebhookIsStillPending() throws Exception {
        job("done", "completed", T0.toEpochMilli());
        hook("done", "pending");
        clock.advance(Duration.ofDays(31));
        assertEquals(0, retention.sweepOnce());
        assertEquals(List.of("done"), ids("SELECT id FROM jobs"));
    }

    private void job(String id, String status, Long finishedAt) throws Exception {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO jobs (id, kind, status, request_json, max_attempts,"
                     + " created_at, finished_at) VALUES (?, 'render', ?, '{}', 3, ?, ?)")) {
            s.setString(1, id);
            s.setString(2, status);
            s.setLong(3, clock.millis());
            s.setObject(4, finishedAt);
            s.executeUpdate();
        }
    }

    private void run(String jobId) throws Exception {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO job_runs (id, job_id, attempt, node_id, worker_id,"
                     + " started_at) VALUES (?, ?, 1, 'node', 'node/1', 0)")) {
            s.setString(1, jobId + "-run");
            s.setString(2, jobId);
            s.executeUpdate();
        }
    }

    private void hook(String jobId, String status) throws Exception {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO webhook_deliveries (event_id, job_id, event, url,"
                     + " payload_json, status, next_attempt_at, created_at) VALUES (?, ?, 'e', 'http://x', '{}', ?, 0, 0)")) {
            s.setString(1, jobId + status);
            s.setString(2, jobId);
            s.setString(3, status);
            s.executeUpdate();
        }
    }

    private List<String> ids(String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            List<String> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }
}
