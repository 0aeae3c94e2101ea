package narrator.app.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import narrator.app.db.Database;
import narrator.app.db.DatabaseUrl;
import narrator.app.jobs.JobKind;
import narrator.app.jobs.JobStore;
import narrator.app.jobs.NewJob;
import narrator.app.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue gauges on a real SQLite queue, with time turned by hand: read at most once per {@link QueueGauges#MAX_AGE}. */
class QueueGaugesTest {
    @TempDir
    Path dir;

    @Test
    void scrapesWithinTheMaxAgeReuseOneReadingAndTheOldestJobAges() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
        try (Database db = Database.open(new DatabaseUrl.Sqlite(dir.resolve("narrator.db")))) {
            JobStore store = new JobStore(db, clock, JobStore.DEFAULT_MAX_ATTEMPTS);
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new QueueGauges(store, clock).bindTo(registry);
            assertEquals(0.0, gauge(registry, "narrator.queue.jobs"));

            store.enqueue(new NewJob(JobKind.RENDER, "{}", null, null, null));
            clock.advance(Duration.ofSeconds(2));
            assertEquals(0.0, gauge(registry, "narrator.queue.jobs"), "still the reading of 2 s ago");

            clock.advance(QueueGauges.MAX_AGE);
            assertEquals(1.0, gauge(registry, "narrator.queue.jobs"));
            assertEquals(0.0, gauge(registry, "narrator.jobs.running"));
            assertEquals(QueueGauges.MAX_AGE.plusSeconds(2).toSeconds(), gauge(registry, "narrator.queue.oldest.age"));
        }
    }

    private static double gauge(SimpleMeterRegistry registry, String name) {
        return registry.get(name).gauge().value();
    }
}
