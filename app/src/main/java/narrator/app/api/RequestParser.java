package narrator.app.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import narrator.app.storage.S3Location;
import narrator.app.jobs.JobKind;
import narrator.app.spec.JobSpec;
import narrator.app.spec.JobSpecs;
import narrator.app.spec.RequestRules;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;

/**
 * Turns a request body into a {@link JobSpec}, or a clear INVALID_REQUEST naming the field. This class
 * checks the JSON's shape (types, URLs, metadata); {@link JobSpecs} then checks ranges, fills defaults
 * and resolves the voice, exactly as it does for the command line. Field names follow the reference API
 * (snake_case); camelCase spellings are accepted too so callers of either convention work. Unknown
 * fields are ignored, as the reference service did.
 */
public final class RequestParser {
    private static final int MAX_METADATA_BYTES = 16 * 1024;

    private final ObjectMapper json;
    private final JobSpecs specs;
    private final Consumer<String> bucketCheck;

    /**
     * {@code bucketCheck} refuses, with a {@link NarratorException}, an {@code s3://} input's bucket the
     * service may not read ({@link narrator.app.storage.ObjectStore#checkReadable}).
     */
    public RequestParser(ObjectMapper json, JobSpecs specs, Consumer<String> bucketCheck) {
        this.json = json;
        this.specs = specs;
        this.bucketCheck = bucketCheck;
    }

    public JobSpec parse(String body, JobKind kind) {
        JsonNode root;
        try {
            // Trailing tokens refused: "{...} xyz" is not one JSON value.
            root = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw invalid("body", "the request body is not valid JSON (one JSON object, nothing after it)");
        }
        if (root == null || !root.isObject()) {
            throw invalid("body", "the request body must be a JSON object");
        }
        boolean video = kind != JobKind.VOICEOVER;
        String webhookUrl = text(root, "webhook_url", "webhookUrl");
        if (webhookUrl != null) {
            requireHttpUrl("webhook_url", webhookUrl);
        }
        return specs.resolve(kind, new JobSpecs.Fields(
                text(root, "script", "script"),
                video ? mediaUrl(root, "base_video_url", "baseVideoUrl") : null,
                video ? mediaUrl(root, "bgm_url", "bgmUrl") : null,
                kind == JobKind.RENDER_VIDEO ? mediaUrl(root, "voiceover_url", "voiceoverUrl") : null,
                text(root, "voice", "voice"),
                speaker(root),
                number(root, "speed", "speed"),
                text(root, "size", "size"),
                bool(root, "karaoke", "karaoke"),
                text(root, "fit", "fit"),
                bool(root, "zoom", "zoom"),
                number(root, "music_volume", "musicVolume"),
                object(root, "subtitle_style", "subtitleStyle"),
                webhookUrl,
                metadata(root),
                object(root, "speakers", "speakers"),
                object(root, "lexicon", "lexicon"),
                field(root, "markup", "markup") == null ? null : bool(root, "markup", "markup"),
                video ? text(root, "caption_style", "captionStyle") : null,
                video ? integer(root, "max_words", "maxWords") : null));
    }

    /** A speaker name, or a speaker number as JSON number or string. */
    private static String speaker(JsonNode root) {
        JsonNode node = field(root, "speaker", "speaker");
        if (node == null) {
            return null;
        }
        if (node.isIntegralNumber() && node.asLong() >= 0) {
            return Long.toString(node.asLong());
        }
        if (!node.isTextual() || node.asText().isBlank() || node.asText().length() > 100) {
            throw invalid("speaker", "speaker must be a speaker name or number");
        }
        return node.asText().strip();
    }

    private static JsonNode field(JsonNode root, String snake, String camel) {
        JsonNode node = root.get(snake);
        if (node == null || node.isNull()) {
            node = root.get(camel);
        }
        return node == null || node.isNull() ? null : node;
    }

    private static String text(JsonNode root, String snake, String camel) {
        JsonNode node = field(root, snake, camel);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw invalid(snake, snake + " must be a string");
        }
        String value = node.asText().strip();
        return value.isEmpty() && !snake.equals("script") ? null : node.asText();
    }

    private static Integer integer(JsonNode root, String snake, String camel) {
        JsonNode node = field(root, snake, camel);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw invalid(snake, snake + " must be a whole number");
        }
        return node.intValue();
    }

    private static Double number(JsonNode root, String snake, String camel) {
        JsonNode node = field(root, snake, camel);
        if (node == null) {
            return null;
        }
        if (!node.isNumber()) {
            throw invalid(snake, snake + " must be a number");
        }
        return node.asDouble();
    }

    private static boolean bool(JsonNode root, String snake, String camel) {
        JsonNode node = field(root, snake, camel);
        if (node == null) {
            return false;
        }
        if (!node.isBoolean()) {
            throw invalid(snake, snake + " must be true or false");
        }
        return node.asBoolean();
    }

    private Map<String, Object> object(JsonNode root, String snake, String camel) {
        JsonNode node = field(root, snake, camel);
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            throw invalid(snake, snake + " must be a JSON object");
        }
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            map.put(e.getKey(), json.convertValue(e.getValue(), Object.class));
        }
        return map;
    }

    private Map<String, Object> metadata(JsonNode root) {
        JsonNode node = field(root, "metadata", "metadata");
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            throw invalid("metadata", "metadata must be a JSON object");
        }
        if (node.toString().length() > MAX_METADATA_BYTES) {
            throw invalid("metadata", "metadata must be at most " + MAX_METADATA_BYTES + " bytes of JSON");
        }
        return object(root, "metadata", "metadata");
    }

    /** An input location: http(s) URL or s3://bucket/key, the latter only from a readable bucket. */
    private String mediaUrl(JsonNode root, String snake, String camel) {
        String value = text(root, snake, camel);
        if (value == null) {
            return null;
        }
        URI uri = uri(snake, value);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean ok = switch (scheme) {
            case "http", "https" -> uri.getHost() != null;
            case "s3" -> uri.getHost() != null && uri.getPath() != null && uri.getPath().length() > 1;
            default -> false;
        };
        if (!ok) {
            throw invalid(snake, snake + " must be an http(s):// URL or s3://bucket/key");
        }
        if (scheme.equals("s3")) {
            try {
                bucketCheck.accept(S3Location.parse(value.strip()).bucket());
            } catch (NarratorException e) {
                throw invalid(snake, snake + ": " + e.getMessage());
            }
        }
        return value.strip();
    }

    private static void requireHttpUrl(String field, String value) {
        URI uri = uri(field, value);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw invalid(field, field + " must be an http(s):// URL");
        }
    }

    private static URI uri(String field, String value) {
        try {
            return new URI(value.strip());
        } catch (java.net.URISyntaxException e) {
            throw invalid(field, field + " is not a valid URL");
        }
    }

    private static NarratorException invalid(String field, String message) {
        return RequestRules.invalid(field, message);
    }
}
