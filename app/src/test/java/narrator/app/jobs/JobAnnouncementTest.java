package narrator.app.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import narrator.app.db.Database;
import narrator.app.db.DatabaseUrl;
import narrator.app.testing.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On PostgreSQL a job queued on one node wakes an idle worker on another at once, not at its next poll. */
class JobAnnouncementTest {
    private static final String LISTENER = "narrator-listen-" + JobStore.CHANNEL;

    @TempDir
    Path dir;

    private final List<String> started = new CopyOnWriteArrayList<>();
    private Database submitter;
    private Database worker;
    private JobStore submitting;
    private JobScheduler scheduler;
    private AutoCloseable listening;

    @BeforeEach
    void start() {
        DatabaseUrl url = PostgresServer.shared().createDatabase();
        submitter = Database.open(url);
        worker = Database.open(url);
        submitting = new JobStore(submitter, Clock.systemUTC(), JobStore.DEFAULT_MAX_ATTEMPTS);
        // Polling once an hour: only an announcement can bring a job to this worker within the test.
        JobScheduler.Settings settings = new JobScheduler.Settings("worker-node", 1, Duration.ofMinutes(5), dir.resolve("work"),
                Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofHours(3), Duration.ofSeconds(5));
        scheduler = new JobScheduler(new JobStore(worker, Clock.systemUTC(), JobStore.DEFAULT_MAX_ATTEMPTS), settings,
                (job, context) -> {
                    started.add(job.id());
                    return new JobResult("{}");
                }, new JobEvents() { });
        scheduler.start();
        listening = worker.listen(JobStore.CHANNEL, scheduler::wake);
    }

    @AfterEach
    void stop() throws Exception {
        listening.close();
        scheduler.close();
        worker.close();
        submitter.close();
    }

    @Test
    void aJobQueuedThroughAnotherStoreWakesAnIdleWorker() {
        // The listener looks once as soon as it listens, so this first job also shows it is listening.
        String first = submit();
        Eventually.await("the first job starts", () -> started.contains(first));
        String second = submit();
        Eventually.await("the announced job starts", () -> started.contains(second));
        assertEquals(List.of(first, second), started);
    }

    @Test
    void aDroppedListeningConnectionIsReplaced() throws Exception {
        String first = submit();
        Eventually.await("the first job starts", () -> started.contains(first));
        // A job can start from the fallback poll before the listener's LISTEN is in: wait for it.
        Eventually.await("one listening connection", () -> listenerPids().size() == 1);
        List<Integer> before = listenerPids();
        query("SELECT CAST(pg_terminate_backend(pid) AS INT) FROM pg_stat_activity WHERE application_name = '" + LISTENER + "'");

        Eventually.await("a new listening connection", () -> {
            List<Integer> now = listenerPids();
            return now.size() == 1 && !now.equals(before);
        });
        String second = submit();
        Eventually.await("the job queued after the reconnect starts", () -> started.contains(second));
    }

    private String submit() {
        return submitting.enqueue(new NewJob(JobKind.RENDER, "{}", null, null, null)).job().id();
    }

    private List<Integer> listenerPids() {
        return query("SELECT pid FROM pg_stat_activity WHERE application_name = '" + LISTENER
                + "' AND datname = current_database() AND query ILIKE 'LISTEN%'");
    }

    private List<Integer> query(String sql) {
        try (Connection c = submitter.dataSource().getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            List<Integer> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getInt(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
