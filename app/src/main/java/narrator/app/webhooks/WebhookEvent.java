package narrator.app.webhooks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One notification, ready to send: {@code payload} is the JSON object the receiver gets, in field
 * order, and already contains {@code event} and {@code event_id}. Build these with {@link WebhookEvents}.
 *
 * @param id      the event id; stays the same across retries and target URLs, so receivers dedupe on it
 * @param name    the event name, e.g. {@code video_completed}
 * @param payload the JSON body as an ordered, unmodifiable map (values may be null, e.g. {@code thumbnail_url})
 */
public record WebhookEvent(String id, String name, Map<String, Object> payload) {
    public WebhookEvent {
        Objects.requireNonNull(id);
        Objects.requireNonNull(name);
        // Map.copyOf would lose the field order and reject the null values the reference allows.
        payload = Collections.unmodifiableMap(new LinkedHashMap<>(payload));
    }
}
