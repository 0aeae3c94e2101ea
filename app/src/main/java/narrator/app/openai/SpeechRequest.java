package narrator.app.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import narrator.app.spec.RequestRules;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;

/**
 * One {@code POST /v1/audio/speech} request, checked: the text, the Narrator voice id its {@code voice} names,
 * the format and the speed. {@code instructions} (and any other field) is ignored: no Narrator voice takes
 * directions. {@code speed} keeps Narrator's range (0.5 to 2.0), narrower than OpenAI's 0.25 to 4.0: outside
 * it the request is refused rather than quietly clamped.
 */
public record SpeechRequest(String model, String input, String voiceId, AudioFormat format, double speed) {
    /** OpenAI's own limit on {@code input}. */
    public static final int MAX_INPUT_CHARS = 4096;
    /** What {@code GET /v1/models} lists and {@code model} accepts; every one speaks with the same voices. */
    public static final List<String> MODELS = List.of("tts-1", "tts-1-hd", "gpt-4o-mini-tts");

    /** Parses {@code body}; {@code voices} and {@code defaultVoice} turn OpenAI voice names into Narrator ids. */
    public static SpeechRequest parse(ObjectMapper json, String body, OpenAiVoices voices, String defaultVoice) {
        JsonNode root;
        try {
            root = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw invalid(null, "the request body is not valid JSON (one JSON object, nothing after it)");
        }
        if (root == null || !root.isObject()) {
            throw invalid(null, "the request body must be a JSON object");
        }
        String model = text(root, "model", true);
        if (!MODELS.contains(model)) {
            throw new NarratorException(ErrorCode.NOT_FOUND, "The model '" + model + "' does not exist; use one of "
                    + String.join(", ", MODELS), Map.of("field", "model"), null);
        }
        String input = text(root, "input", true);
        if (input.isBlank()) {
            throw invalid("input", "input must not be empty");
        }
        if (input.codePointCount(0, input.length()) > MAX_INPUT_CHARS) {
            throw invalid("input", "input is longer than " + MAX_INPUT_CHARS + " characters");
        }
        String voice = text(root, "voice", true);
        String formatName = text(root, "response_format", false);
        AudioFormat format = formatName == null ? AudioFormat.MP3 : AudioFormat.of(formatName).orElseThrow(() ->
                invalid("response_format", "response_format must be one of mp3, opus, aac, flac, wav, pcm"));
        JsonNode speed = root.get("speed");
        if (speed != null && !speed.isNull() && !speed.isNumber()) {
            throw invalid("speed", "speed must be a number");
        }
        double rate = RequestRules.speed(speed == null || speed.isNull() ? null : speed.asDouble());
        return new SpeechRequest(model, input, voices.resolve(voice, defaultVoice), format, rate);
    }

    private static String text(JsonNode root, String field, boolean required) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw invalid(field, field + " is required");
            }
            return null;
        }
        if (!node.isTextual()) {
            throw invalid(field, field + " must be a string");
        }
        return node.asText();
    }

    private static NarratorException invalid(String field, String message) {
        return new NarratorException(ErrorCode.INVALID_REQUEST, message, field == null ? Map.of() : Map.of("field", field),
                null);
    }
}
