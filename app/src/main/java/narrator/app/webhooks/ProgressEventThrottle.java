package narrator.app.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides which {@code job_progress} events are worth a request: at most one per job per interval, only when
 * the progress went up, and never 100 (the job's completion event says that). In memory: after a restart the
 * outbox itself refuses a progress value not above one already recorded for the job.
 */
final class ProgressEventThrottle {
    private record Mark(Instant sentAt, int progress) {
    }

    private final Duration interval;
    private final Map<String, Mark> lastSent = new HashMap<>();

    ProgressEventThrottle(Duration interval) {
        this.interval = interval;
    }

    synchronized boolean admit(String jobId, WebhookEvent event, Instant now) {
        switch (event.name()) {
            case WebhookEvents.JOB_PROGRESS -> {
                int progress = ((Number) event.payload().get("progress")).intValue();
                Mark last = lastSent.get(jobId);
                boolean due = last == null
                        || progress > last.progress() && !now.isBefore(last.sentAt().plus(interval));
                if (!due || progress >= 100) {
                    return false;
                }
                lastSent.put(jobId, new Mark(now, progress));
                return true;
            }
            // A finished job sends no more progress: drop its mark so the map does not grow forever.
            case WebhookEvents.VIDEO_COMPLETED, WebhookEvents.JOB_FAILED, WebhookEvents.JOB_CANCELLED -> {
                lastSent.remove(jobId);
                return true;
            }
            default -> {
                return true;
            }
        }
    }
}
