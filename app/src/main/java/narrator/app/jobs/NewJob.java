package narrator.app.jobs;

import java.util.Objects;

/**
 * A job to enqueue. {@code requestJson} is the validated request, opaque to the queue;
 * {@code metadataJson}, {@code webhookUrl}, {@code idempotencyKey} and {@code id} may be null.
 *
 * @param id the caller's own id for the job (checked by the API); null for a random one
 */
public record NewJob(JobKind kind, String requestJson, String metadataJson, String webhookUrl, String idempotencyKey,
                     String id) {
    public NewJob {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(requestJson, "requestJson");
    }

    /** With a random id. */
    public NewJob(JobKind kind, String requestJson, String metadataJson, String webhookUrl, String idempotencyKey) {
        this(kind, requestJson, metadataJson, webhookUrl, idempotencyKey, null);
    }
}
