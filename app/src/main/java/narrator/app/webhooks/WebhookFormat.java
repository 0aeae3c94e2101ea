package narrator.app.webhooks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The shape of the events sent to {@code WEBHOOK_URL} ({@code WEBHOOK_FORMAT}). */
public enum WebhookFormat {
    /** Every event, with Narrator's fields ({@code event_id}, {@code metadata}, {@code signed_urls}, ...). */
    NARRATOR,
    /**
     * Exactly the Python reference service's two events with exactly its fields, for receivers that refuse what
     * they do not know; every other event is not sent.
     */
    REFERENCE;

    private static final Map<String, List<String>> REFERENCE_FIELDS = Map.of(
            WebhookEvents.VOICEOVER_UPLOADED, List.of("event", "job_id", "voice_url", "timestamp"),
            WebhookEvents.VIDEO_COMPLETED, List.of("event", "job_id", "voice_url", "subtitles_url", "video_url",
                    "thumbnail_url", "timestamp"));

    /** {@code event} in this format, or empty when this format does not carry it. Keeps the event's id. */
    public Optional<WebhookEvent> shape(WebhookEvent event) {
        if (this == NARRATOR) {
            return Optional.of(event);
        }
        List<String> fields = REFERENCE_FIELDS.get(event.name());
        if (fields == null) {
            return Optional.empty();
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        for (String field : fields) {
            payload.put(field, event.payload().get(field));
        }
        return Optional.of(new WebhookEvent(event.id(), event.name(), payload));
    }

    static WebhookFormat parse(String value) {
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "narrator" -> NARRATOR;
            case "reference" -> REFERENCE;
            default -> throw new IllegalArgumentException(
                    "WEBHOOK_FORMAT must be narrator or reference, got '" + value + "'");
        };
    }
}
