package narrator.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import narrator.app.spec.RequestRules;
import narrator.core.NarratorException;
import narrator.pipeline.subtitles.Caption;
import narrator.pipeline.subtitles.SubtitleStyle;

/**
 * Reads a request's {@code cues}: {@code [{text, start, end, style?}]}, times in seconds. Overlaps are allowed;
 * each cue's {@code style} ({@code fontSize}, {@code color}, {@code fontFamily}, or any {@code subtitle_style}
 * field) is laid over the request's own style. Every error names the cue: {@code cues[2].end}.
 */
final class CueParser {
    static final int MAX_CUES = 10_000;
    static final int MAX_CUE_CHARS = 1_000;
    /** The render server's names for three {@code subtitle_style} fields. */
    private static final Map<String, String> RENAMED = Map.of("color", "primary_color", "fontFamily", "font",
            "font_family", "font");

    private final ObjectMapper json;

    CueParser(ObjectMapper json) {
        this.json = json;
    }

    List<Caption> parse(JsonNode cues, SubtitleStyle base) {
        if (cues == null || !cues.isArray() || cues.isEmpty()) {
            throw RequestRules.invalid("cues", "cues must be a non-empty array of {text, start, end}");
        }
        if (cues.size() > MAX_CUES) {
            throw RequestRules.invalid("cues", "cues holds " + cues.size() + " cues; the limit is " + MAX_CUES);
        }
        List<Caption> captions = new ArrayList<>(cues.size());
        for (int i = 0; i < cues.size(); i++) {
            captions.add(cue(cues.get(i), "cues[" + i + "]", base));
        }
        return captions;
    }

    private Caption cue(JsonNode cue, String at, SubtitleStyle base) {
        if (!cue.isObject()) {
            throw RequestRules.invalid(at, at + " must be an object {text, start, end}");
        }
        JsonNode text = cue.get("text");
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
            throw RequestRules.invalid(at + ".text", at + ".text must be a non-empty string");
        }
        if (text.asText().codePointCount(0, text.asText().length()) > MAX_CUE_CHARS) {
            throw RequestRules.invalid(at + ".text", at + ".text must be at most " + MAX_CUE_CHARS + " characters");
        }
        double start = seconds(cue, "start", at);
        double end = seconds(cue, "end", at);
        long startMillis = Math.round(start * 1000);
        long endMillis = Math.round(end * 1000);
        if (endMillis <= startMillis) {
            throw RequestRules.invalid(at + ".end", at + ".end (" + end + ") must be after its start (" + start + ")");
        }
        return new Caption(text.asText(), startMillis, endMillis, style(cue.get("style"), at + ".style", base));
    }

    private static double seconds(JsonNode cue, String name, String at) {
        JsonNode node = cue.get(name);
        if (node == null || !node.isNumber() || !(node.asDouble() >= 0) || node.asDouble() > 86_400) {
            throw RequestRules.invalid(at + "." + name, at + "." + name + " must be a number of seconds from 0");
        }
        return node.asDouble();
    }

    private SubtitleStyle style(JsonNode node, String at, SubtitleStyle base) {
        if (node == null || node.isNull()) {
            return base;
        }
        if (!node.isObject()) {
            throw RequestRules.invalid(at, at + " must be an object such as {\"fontSize\": 64, \"color\": \"#FFFF00\"}");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            fields.put(RENAMED.getOrDefault(e.getKey(), e.getKey()), json.convertValue(e.getValue(), Object.class));
        }
        try {
            return base.with(fields);
        } catch (NarratorException e) {
            // The style's own message names subtitle_style.<field>; here the field is this cue's.
            throw RequestRules.invalid(at, at + ": " + e.getMessage().replaceFirst("^subtitle_style\\.", ""));
        }
    }
}
