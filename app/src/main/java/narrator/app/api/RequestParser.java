package narrator.app.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import narrator.app.storage.S3Location;
import narrator.app.jobs.JobKind;
import narrator.app.spec.CaptionsSpec;
import narrator.app.spec.InputRef;
import narrator.app.spec.JobSpec;
import narrator.app.spec.JobSpecs;
import narrator.app.spec.RequestRules;
import narrator.app.webhooks.CallbackStyle;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.VideoSize;
import narrator.pipeline.subtitles.Caption;
import narrator.pipeline.subtitles.SubtitleStyle;

/**
 * Turns a request body into a {@link JobSpec}, or a clear INVALID_REQUEST naming the field. This class
 * checks the JSON's shape (types, URLs, metadata); {@link JobSpecs} then checks ranges, fills defaults
 * and resolves the voice, exactly as it does for the command line. Field names follow the reference API
 * (snake_case); camelCase spellings are accepted too so callers of either convention work. Unknown
 * fields are ignored, as the reference service did.
 */
public final class RequestParser {
    private static final int MAX_METADATA_BYTES = 16 * 1024;
    /** A caller's job id becomes part of storage keys and URL paths: a safe, bounded set of characters. */
    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final ObjectMapper json;
    private final JobSpecs specs;
    private final Consumer<String> bucketCheck;
    private final CueParser cueParser;

    /**
     * {@code bucketCheck} refuses, with a {@link NarratorException}, an {@code s3://} input's bucket the
     * service may not read ({@link narrator.app.storage.ObjectStore#checkReadable}).
     */
    public RequestParser(ObjectMapper json, JobSpecs specs, Consumer<String> bucketCheck) {
        this.json = json;
        this.specs = specs;
        this.bucketCheck = bucketCheck;
        this.cueParser = new CueParser(json);
    }

    public JobSpec parse(String body, JobKind kind) {
        JsonNode root = root(body);
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
                video ? integer(root, "max_words", "maxWords") : null,
                video ? scenes(root) : null));
    }

    /**
     * Whether a {@code POST /render} body is the GPU render server's captions request rather than a narration:
     * it names a video ({@code videoUrl}) or cues ({@code scenario}) and no script. Unreadable bodies are not
     * (the narration parser then says what is wrong with them).
     */
    public boolean isCaptions(String body) {
        try {
            JsonNode root = root(body);
            return !root.has("script") && (root.has("videoUrl") || root.has("video_url") || root.has("scenario"));
        } catch (NarratorException e) {
            return false;
        }
    }

    /**
     * A captions request in either shape: the GPU render server's ({@code videoUrl}, {@code scenario.cues},
     * {@code options}, {@code callbackUrl}, {@code jobId}) or Narrator's own snake_case one ({@code video_url},
     * {@code cues}, {@code options}, {@code callback_url}, {@code job_id}); both take {@code callback_style},
     * {@code subtitle_style} and {@code metadata}.
     */
    public CaptionsSpec captions(String body) {
        JsonNode root = root(body);
        String video = mediaUrl(root, "video_url", "videoUrl");
        if (video == null) {
            throw invalid("video_url", "video_url is required");
        }
        return captions(root, InputRef.of(video));
    }

    /**
     * As {@link #captions(String)} for the command line: the video is given apart (a local file too) and the body
     * holds the rest, checked by the same rules.
     */
    public CaptionsSpec captions(String body, InputRef video) {
        return captions(root(body), video);
    }

    private CaptionsSpec captions(JsonNode root, InputRef video) {
        SubtitleStyle base = SubtitleStyle.fromMap(object(root, "subtitle_style", "subtitleStyle"));
        JsonNode scenario = field(root, "scenario", "scenario");
        if (scenario != null && !scenario.isObject()) {
            throw invalid("scenario", "scenario must be an object holding cues");
        }
        List<Caption> cues = cueParser.parse(scenario != null ? scenario.get("cues") : field(root, "cues", "cues"), base);
        JsonNode options = field(root, "options", "options");
        if (options != null && !options.isObject()) {
            throw invalid("options", "options must be an object {width, height, fps, quality, format}");
        }
        JsonNode opts = options == null ? json.createObjectNode() : options;
        VideoSize size = size(opts);
        if (size != null) {
            cues.forEach(cue -> RequestRules.checkRenderable(size, cue.style()));
        }
        Integer fps = wholeNumber(opts, "fps", 1, 120);
        String quality = choice(opts, "quality", List.of("low", "medium", "high"));
        String format = choice(opts, "format", CaptionsSpec.FORMATS);
        String callbackUrl = text(root, "callback_url", "callbackUrl");
        if (callbackUrl != null) {
            requireHttpUrl("callback_url", callbackUrl);
        }
        JsonNode style = field(root, "callback_style", "callbackStyle");
        if (style != null && !(style.isTextual() && List.of("events", "subpaths").contains(style.asText()))) {
            throw invalid("callback_style", "callback_style must be 'events' or 'subpaths'");
        }
        String jobId = text(root, "job_id", "jobId");
        if (jobId != null && !JOB_ID.matcher(jobId).matches()) {
            throw invalid("job_id", "job_id must be 1 to 100 letters, digits, '.', '_' or '-', starting with a letter "
                    + "or digit");
        }
        return new CaptionsSpec(video, cues, size, fps == null ? 0 : fps,
                quality == null ? null : CaptionsSpec.Quality.valueOf(quality.toUpperCase(Locale.ROOT)),
                format == null ? "mp4" : format, callbackUrl,
                style == null ? CallbackStyle.EVENTS : CallbackStyle.valueOf(style.asText().toUpperCase(Locale.ROOT)),
                jobId, metadata(root));
    }

    /** {@code options.width} and {@code options.height}, both or neither. */
    private static VideoSize size(JsonNode options) {
        Integer width = wholeNumber(options, "width", 16, 4096);
        Integer height = wholeNumber(options, "height", 16, 4096);
        if ((width == null) != (height == null)) {
            throw invalid("options", "options.width and options.height go together");
        }
        if (width == null) {
            return null;
        }
        if (width % 2 != 0 || height % 2 != 0) {
            throw invalid("options", "options.width and options.height must be even (H.264 needs even sides)");
        }
        return new VideoSize(width, height);
    }

    private static Integer wholeNumber(JsonNode options, String name, int min, int max) {
        JsonNode node = options.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < min || node.asInt() > max) {
            throw invalid("options." + name, "options." + name + " must be a whole number from " + min + " to " + max);
        }
        return node.asInt();
    }

    private static String choice(JsonNode options, String name, List<String> allowed) {
        JsonNode node = options.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        String value = node.isTextual() ? node.asText().strip().toLowerCase(Locale.ROOT) : "";
        if (!allowed.contains(value)) {
            throw invalid("options." + name, "options." + name + " must be one of " + String.join(", ", allowed));
        }
        return value;
    }

    private JsonNode root(String body) {
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
        return root;
    }

    /** The scenes array as plain values, each scene's media checked as an input URL like base_video_url. */
    private List<Object> scenes(JsonNode root) {
        JsonNode node = field(root, "scenes", "scenes");
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            throw invalid("scenes", "scenes must be a JSON array of scene objects");
        }
        List<Object> scenes = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode scene = node.get(i);
            if (scene.isObject() && scene.path("media").isTextual() && !scene.path("media").asText().isBlank()) {
                mediaUrl("scenes[" + i + "].media", scene.path("media").asText());
            }
            scenes.add(json.convertValue(scene, Object.class));
        }
        return scenes;
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
        return value == null ? null : mediaUrl(snake, value);
    }

    /** {@code value} checked as an input location; {@code snake} names it in errors. */
    private String mediaUrl(String snake, String value) {
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
