package narrator.app.jobs;

import java.util.Objects;

/**
 * A job to enqueue. {@code requestJson} is the validated request, opaque to the queue;
 * {@code metadataJson}, {@code webhookUrl} and {@code idempotencyKey} may be null.
 */
public record NewJob(JobKind kind, String requestJson, String metadataJson, String webhookUrl, String idempotencyKey) {
    public NewJob {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(requestJson, "requestJson");
    }
}
