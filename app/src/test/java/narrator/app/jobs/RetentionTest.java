package narrator.app.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import narrator.app.db.Database;
import narrator.app.storage.LocalObjectStore;
import narrator.app.storage.ObjectStore;
import narrator.app.storage.OutputsRemoval;
import narrator.app.storage.S3ObjectStore;
import narrator.app.storage.S3Settings;
import narrator.app.storage.StorageKeys;
import narrator.app.testing.MutableClock;
import narrator.app.testing.Engine;
import narrator.app.testing.S3Admin;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

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

    private final StorageKeys keys = new StorageKeys(null);
    private LocalObjectStore files;

    @BeforeEach
    void open() {
        db = engine.open(dir);
        files = new LocalObjectStore(dir.resolve("storage"), URI.create("http://localhost:8000"));
        retention = retention(new OutputsRemoval(true, files, keys));
    }

    private Retention retention(OutputsRemoval outputs) {
        return new Retention(db.dataSource(), clock, Duration.ofDays(30), 2, outputs);
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
        Path video = Files.writeString(dir.resolve("video.mp4"), "x");
        for (String id : List.of("done1", "done2", "done3", "recent")) {
            files.put(keys.finalVideo(id), video, "video/mp4");
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
        assertFalse(files.exists(keys.finalVideo("done1")));
        assertFalse(files.exists(keys.finalVideo("done3")));
        assertTrue(files.exists(keys.finalVideo("recent")));
    }

    @Test
    void localOutputsGoEvenWhenBucketObjectsAreKept() throws Exception {
        Path file = Files.writeString(dir.resolve("output.bin"), "x");
        for (String key : keys.all("local")) {
            files.put(key, file, "application/octet-stream");
        }
        job("local", "completed", clock.millis());
        clock.advance(Duration.ofDays(31));

        assertEquals(1, retention(OutputsRemoval.of(false, false, files, keys)).sweepOnce());
        for (String key : keys.all("local")) {
            assertFalse(files.exists(key), "local storage fills this disk, so " + key + " goes");
        }
    }

    /** RETENTION_DELETE_OBJECTS against a real S3 server that checks signatures. */
    @Nested
    class InAnS3Bucket {
        private static final String BUCKET = "narrator-retention";

        @RegisterExtension
        final S3ProxyExtension s3 = S3ProxyExtension.builder()
                .withCredentials(AuthenticationType.AWS_V2_OR_V4, "key-id", "secret-R7t")
                .build();

        @Test
        void objectsStayUnlessRetentionDeletesObjects() throws Exception {
            try (S3Client admin = S3Admin.client(s3.getUri(), "key-id", "secret-R7t")) {
                admin.createBucket(b -> b.bucket(BUCKET));
            }
            S3Settings settings = S3Settings.fromEnv(Map.of("BACKBLAZE_BUCKET_NAME", BUCKET, "BACKBLAZE_KEY_ID", "key-id",
                    "BACKBLAZE_APPLICATION_KEY", "secret-R7t", "BACKBLAZE_ENDPOINT_URL", s3.getUri().toString())).orElseThrow();
            try (S3ObjectStore bucket = new S3ObjectStore(settings)) {
                assertBucketObjectsGoOnlyWhenAsked(bucket);
            }
        }
    }

    /** Two old jobs with every output in the bucket: false keeps the first's, true deletes the second's. */
    private void assertBucketObjectsGoOnlyWhenAsked(ObjectStore store) throws Exception {
        Path file = Files.writeString(dir.resolve("output.bin"), "x");
        for (String id : List.of("kept", "gone")) {
            for (String key : keys.all(id)) {
                store.put(key, file, "application/octet-stream");
            }
        }
        job("kept", "completed", clock.millis());
        clock.advance(Duration.ofDays(31));

        assertEquals(1, retention(OutputsRemoval.of(true, false, store, keys)).sweepOnce());
        job("gone", "failed", clock.millis());
        clock.advance(Duration.ofDays(31));
        assertEquals(1, retention(OutputsRemoval.of(true, true, store, keys)).sweepOnce());

        assertEquals(List.of(), ids("SELECT id FROM jobs"));
        for (String key : keys.all("kept")) {
            assertTrue(store.exists(key), "RETENTION_DELETE_OBJECTS=false keeps " + key);
        }
        for (String key : keys.all("gone")) {
            assertFalse(store.exists(key), "RETENTION_DELETE_OBJECTS=true deletes " + key);
        }
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
