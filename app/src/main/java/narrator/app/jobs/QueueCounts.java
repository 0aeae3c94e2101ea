package narrator.app.jobs;

import java.time.Duration;

/**
 * A snapshot of the queue: jobs waiting, jobs running, and how long recent completed jobs took
 * ({@link Duration#ZERO} before any has completed).
 */
public record QueueCounts(int queued, int processing, Duration averageDuration) {
    /**
     * A rough wait for a job enqueued now: the jobs ahead of it drain {@code maxConcurrent} at a
     * time, each wave taking the average duration.
     */
    public Duration estimatedWait(int maxConcurrent) {
        int ahead = queued + processing;
        if (ahead < maxConcurrent) {
            return Duration.ZERO;
        }
        int waves = (ahead - maxConcurrent) / maxConcurrent + 1;
        return averageDuration.multipliedBy(waves);
    }
}
