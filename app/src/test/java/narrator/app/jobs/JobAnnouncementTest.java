package narrator.app.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import narrator.app.db.Database;
import narrator.app.db.DatabaseUrl;
import narrator.app.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On PostgreSQL a job queued on one node wakes an idle worker on another at once, not at its next poll. */
class JobAnnouncementTest {
    @TempDir
    Path dir;

    @Test
    void aJobQueuedThroughAnotherStoreWakesAnIdleWorker() throws Exception {
        DatabaseUrl url = PostgresServer.shared().createDatabase();
        List<String> started = new CopyOnWriteArrayList<>();
        // Polling once an hour: only an announcement can bring a job to this worker within the test.
        JobScheduler.Settings settings = new JobScheduler.Settings(1, Duration.ofMinutes(5), dir.resolve("work"),
                Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofHours(3), Duration.ofSeconds(5));
        try (Database submitter = Database.open(url); Database worker = Database.open(url)) {
            JobStore submitting = new JobStore(submitter, Clock.systemUTC(), JobStore.DEFAULT_MAX_ATTEMPTS);
            JobScheduler scheduler = new JobScheduler(new JobStore(worker, Clock.systemUTC(), JobStore.DEFAULT_MAX_ATTEMPTS),
                    settings, (job, context) -> {
                        started.add(job.id());
                        return new JobResult("{}");
                    }, new JobEvents() { });
            scheduler.start();
            try (AutoCloseable listening = worker.listen(JobStore.CHANNEL, scheduler::wake)) {
                // The listener looks once as soon as it listens, so this first job also shows it is listening.
                String first = submitting.enqueue(new NewJob(JobKind.RENDER, "{}", null, null, null)).job().id();
                Eventually.await("the first job starts", () -> started.contains(first));
                String second = submitting.enqueue(new NewJob(JobKind.RENDER, "{}", null, null, null)).job().id();
                Eventually.await("the announced job starts", () -> started.contains(second));
                assertEquals(List.of(first, second), started);
            } finally {
                scheduler.close();
            }
        }
    }
}
