package narrator.app.api;

import java.util.Map;

/**
 * A validated job request, as stored in the queue and replayed by the worker. Absent optional
 * inputs are null; {@code speaker} picks a speaker of a multi-speaker voice (name or number);
 * {@code subtitleStyle} holds the caller's overrides (validated, applied over the
 * defaults when rendering); {@code metadata} is echoed back in webhooks.
 */
public record RenderRequest(
        String script,
        String baseVideoUrl,
        String bgmUrl,
        String voiceoverUrl,
        String voice,
        String speaker,
        double speed,
        String size,
        boolean karaoke,
        String fit,
        boolean zoom,
        Double musicVolume,
        Map<String, Object> subtitleStyle,
        String webhookUrl,
        Map<String, Object> metadata) {

    public RenderRequest {
        subtitleStyle = subtitleStyle == null ? Map.of() : Map.copyOf(subtitleStyle);
        metadata = metadata == null ? Map.of() : metadata;
    }
}
