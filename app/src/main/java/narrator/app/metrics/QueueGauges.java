package narrator.app.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import narrator.app.jobs.JobStore;
import narrator.app.jobs.QueueCounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue's depth, running jobs and oldest waiting job, read from the database at most once per
 * {@link #MAX_AGE} however often it is scraped, so scrapers cannot load the database. The figures are
 * the whole queue's (every node's, in a cluster). An unreadable database shows as NaN.
 */
final class QueueGauges {
    private static final Logger LOG = LoggerFactory.getLogger(QueueGauges.class);
    static final Duration MAX_AGE = Duration.ofSeconds(5);

    private record Snapshot(Instant at, double queued, double processing, double oldestAgeSeconds) {
    }

    private final JobStore jobs;
    private final Clock clock;
    private Snapshot last;

    QueueGauges(JobStore jobs, Clock clock) {
        this.jobs = jobs;
        this.clock = clock;
    }

    /** Held strongly by the registry: a gauge's state is otherwise weakly held, and this object is nobody else's. */
    void bindTo(MeterRegistry registry) {
        Gauge.builder("narrator.queue.jobs", this, q -> q.snapshot().queued())
                .description("Jobs waiting in the queue").strongReference(true).register(registry);
        Gauge.builder("narrator.jobs.running", this, q -> q.snapshot().processing())
                .description("Jobs being processed").strongReference(true).register(registry);
        Gauge.builder("narrator.queue.oldest.age", this, q -> q.snapshot().oldestAgeSeconds())
                .description("How long the job waiting longest has waited (0 when none waits)")
                .baseUnit("seconds").strongReference(true).register(registry);
    }

    private synchronized Snapshot snapshot() {
        Instant now = clock.instant();
        if (last == null || !now.isBefore(last.at().plus(MAX_AGE))) {
            last = read(now);
        }
        return last;
    }

    private Snapshot read(Instant now) {
        try {
            QueueCounts counts = jobs.counts();
            Optional<Instant> oldest = jobs.oldestQueuedAt();
            double age = oldest.map(at -> Math.max(0, Duration.between(at, now).toMillis() / 1000.0)).orElse(0.0);
            return new Snapshot(now, counts.queued(), counts.processing(), age);
        } catch (RuntimeException e) {
            LOG.warn("metrics: cannot read the queue: {}", e.toString());
            return new Snapshot(now, Double.NaN, Double.NaN, Double.NaN);
        }
    }
}
