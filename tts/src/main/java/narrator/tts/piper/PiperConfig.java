package narrator.tts.piper;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;

/**
 * A Piper voice's settings, read from the upstream {@code NAME.onnx.json}. {@code speakerIdMap}
 * is ordered by id; {@code phonemeIdMap} maps one codepoint (as a string) to its ids.
 */
public record PiperConfig(int sampleRate, String espeakVoice, float noiseScale, float lengthScale,
                          float noiseW, int numSpeakers, Map<String, Integer> speakerIdMap,
                          Map<String, List<Long>> phonemeIdMap) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public PiperConfig {
        speakerIdMap = Collections.unmodifiableMap(new LinkedHashMap<>(speakerIdMap));
        phonemeIdMap = Map.copyOf(phonemeIdMap);
    }

    /** Reads and validates a voice config file. */
    public static PiperConfig read(Path file) {
        try {
            return parse(Files.readString(file), file.getFileName().toString());
        } catch (NoSuchFileException e) {
            throw new NarratorException(ErrorCode.VOICE_UNAVAILABLE,
                    "voice config " + file.getFileName() + " is missing");
        } catch (IOException e) {
            throw new NarratorException(ErrorCode.VOICE_UNAVAILABLE,
                    "voice config " + file.getFileName() + " cannot be read: " + e.getMessage());
        }
    }

    /**
     * Parses config JSON; {@code source} names the file in error messages. The {@code inference}
     * values default as in Piper when absent; every other key used here is required.
     */
    public static PiperConfig parse(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw invalid(source, "is not valid JSON (line " + e.getLocation().getLineNr() + ")");
        }
        if (root == null || !root.isObject()) {
            throw invalid(source, "is not a JSON object");
        }
        String phonemeType = root.path("phoneme_type").asText("espeak");
        if (!phonemeType.equals("espeak")) {
            throw invalid(source, "uses phoneme_type '" + phonemeType + "'; only 'espeak' is supported");
        }
        JsonNode inference = root.path("inference");
        return new PiperConfig(
                positiveInt(root, "audio", "sample_rate", source),
                text(root, "espeak", "voice", source),
                (float) inference.path("noise_scale").asDouble(0.667),
                (float) inference.path("length_scale").asDouble(1.0),
                (float) inference.path("noise_w").asDouble(0.8),
                positiveInt(root, null, "num_speakers", source),
                speakers(root.path("speaker_id_map"), source),
                phonemes(required(root, null, "phoneme_id_map", source), source));
    }

    public boolean multiSpeaker() {
        return numSpeakers > 1;
    }

    /** Speaker names in id order, or their numbers when the config names none. */
    public List<String> speakerNames() {
        if (!multiSpeaker()) {
            return List.of();
        }
        if (!speakerIdMap.isEmpty()) {
            return List.copyOf(speakerIdMap.keySet());
        }
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < numSpeakers; i++) {
            numbers.add(Integer.toString(i));
        }
        return numbers;
    }

    private static Map<String, Integer> speakers(JsonNode node, String source) {
        Map<String, Integer> byName = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return byName;
        }
        if (!node.isObject()) {
            throw invalid(source, "key 'speaker_id_map' is not an object");
        }
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(node.properties());
        entries.sort(Comparator.comparingInt(e -> e.getValue().asInt()));
        for (Map.Entry<String, JsonNode> entry : entries) {
            if (!entry.getValue().canConvertToInt()) {
                throw invalid(source, "key 'speaker_id_map." + entry.getKey() + "' is not a number");
            }
            byName.put(entry.getKey(), entry.getValue().asInt());
        }
        return byName;
    }

    private static Map<String, List<Long>> phonemes(JsonNode node, String source) {
        if (!node.isObject() || node.isEmpty()) {
            throw invalid(source, "key 'phoneme_id_map' is not a non-empty object");
        }
        Map<String, List<Long>> ids = new LinkedHashMap<>();
        node.properties().forEach(entry -> {
            List<Long> values = new ArrayList<>();
            if (!entry.getValue().isArray()) {
                throw invalid(source, "key 'phoneme_id_map." + entry.getKey() + "' is not a list of ids");
            }
            entry.getValue().forEach(id -> values.add(id.asLong()));
            ids.put(entry.getKey(), List.copyOf(values));
        });
        for (String symbol : List.of("_", "^", "$")) {
            if (!ids.containsKey(symbol)) {
                throw invalid(source, "key 'phoneme_id_map' lacks the symbol '" + symbol + "'");
            }
        }
        return ids;
    }

    private static JsonNode required(JsonNode root, String section, String key, String source) {
        JsonNode node = section == null ? root.path(key) : root.path(section).path(key);
        if (node.isMissingNode() || node.isNull()) {
            throw invalid(source, "lacks the key '" + (section == null ? key : section + "." + key) + "'");
        }
        return node;
    }

    private static int positiveInt(JsonNode root, String section, String key, String source) {
        JsonNode node = required(root, section, key, source);
        if (!node.canConvertToInt() || node.asInt() <= 0) {
            throw invalid(source, "key '" + (section == null ? key : section + "." + key)
                    + "' is not a positive whole number");
        }
        return node.asInt();
    }

    private static String text(JsonNode root, String section, String key, String source) {
        JsonNode node = required(root, section, key, source);
        if (!node.isTextual() || node.asText().isBlank()) {
            throw invalid(source, "key '" + section + "." + key + "' is not a non-empty string");
        }
        return node.asText();
    }

    private static NarratorException invalid(String source, String problem) {
        return new NarratorException(ErrorCode.VOICE_UNAVAILABLE, "voice config " + source + " " + problem);
    }
}
