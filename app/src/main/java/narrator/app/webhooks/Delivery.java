package narrator.app.webhooks;

import java.time.Instant;

/** A pending row of {@code webhook_deliveries}: one event on its way to one URL. */
record Delivery(long id, String eventId, String jobId, String event, String url, String payloadJson, int attempts,
        Instant nextAttemptAt, Instant createdAt) {
}
