package narrator.app.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import narrator.app.db.DatabaseUrl;
import narrator.app.storage.S3Settings;
import narrator.app.webhooks.WebhookSettings;
import narrator.core.NarratorException;
import narrator.pipeline.VideoSize;
import narrator.pipeline.align.AlignmentFallback;
import narrator.pipeline.narration.Pauses;
import narrator.pipeline.render.Fit;
import narrator.pipeline.render.Loudness;
import narrator.pipeline.render.RenderSpec;
import narrator.pipeline.video.RenderOptions;
import narrator.app.openai.OpenAiVoices;
import narrator.tts.TtsSettings;

/**
 * Every setting, read once at start-up from the environment over {@code .env}, validated, then
 * immutable. {@code .env.example} documents each one; a test keeps the two in step.
 */
public record Settings(
        Server server,
        Queue queue,
        TtsSettings tts,
        Speech speech,
        Render render,
        Inputs inputs,
        Optional<S3Settings> s3,
        WebhookSettings webhooks,
        Cluster cluster) {

    static final int MAX_SEGMENT_SECONDS = 3600;
    static final int MAX_RENDER_PARALLELISM = 64;

    /**
     * @param port          0 means any free port, chosen when the server starts
     * @param metricsToken  METRICS_TOKEN: a bearer token that opens {@code /metrics} alone (so does the API key)
     * @param publicBaseUrl PUBLIC_BASE_URL; empty means {@code http://localhost:<the port listened on>}
     * @param database      DATABASE_URL; by default the SQLite file {@code narrator.db} in {@code dataDir}
     * @param cors          CORS_ORIGINS: browser origins allowed to call the API
     */
    public record Server(String host, int port, Path dataDir, Optional<String> apiKey, Optional<String> metricsToken,
                         Optional<URI> publicBaseUrl, DatabaseUrl database, CorsOrigins cors) {
        /** The base URL of local-storage file links once the server listens on {@code boundPort}. */
        public URI publicBaseUrl(int boundPort) {
            return publicBaseUrl.orElseGet(() -> URI.create("http://localhost:" + boundPort));
        }

        @Override
        public String toString() {
            return "Server[" + host + ":" + port + ", dataDir=" + dataDir + ", apiKey=" + (apiKey.isPresent() ? "set" : "none")
                    + ", metricsToken=" + (metricsToken.isPresent() ? "set" : "none")
                    + ", publicBaseUrl=" + publicBaseUrl.map(URI::toString).orElse("http://localhost:<port>")
                    + ", database=" + database + ", cors=" + cors + "]";
        }
    }

    /**
     * @param retention              RETENTION: finished jobs and their settled webhook rows are removed past it
     * @param retentionDeleteObjects RETENTION_DELETE_OBJECTS: their objects in the S3 bucket go too (local files always do)
     * @param minFreeDiskBytes       MIN_FREE_DISK_MB: under this much free space in DATA_DIR new jobs are refused
     */
    public record Queue(int maxConcurrentJobs, Duration jobTimeout, int maxAttempts, int maxQueuedJobs, Duration retention,
                        boolean retentionDeleteObjects, long minFreeDiskBytes) {
    }

    /**
     * @param openAiVoices OPENAI_VOICE_MAP: the installed voice behind each OpenAI voice name
     * @param lexiconFile  LEXICON_FILE: the service-wide pronunciations, a JSON object, reread when it changes
     */
    public record Speech(long cacheBytes, Pauses pauses, OpenAiVoices openAiVoices, Optional<Path> lexiconFile) {
    }

    public enum EncoderChoice { AUTO, LIBX264, NVENC }

    /**
     * @param alignmentFallback  ALIGNMENT_FALLBACK: what a job does when its voiceover does not match its script
     * @param segmentSeconds     SEGMENT_SECONDS: about how long each segment of a segmented render is; 0 renders every
     *                           video in one pass
     * @param renderParallelism  RENDER_PARALLELISM: segments of one job drawn at once on its node, the encoder
     *                           threads divided between them
     */
    public record Render(EncoderChoice encoder, String x264Preset, int crf, int ffmpegThreads, VideoSize defaultSize,
                         double musicVolume, Loudness loudness, Fit fit, AlignmentFallback alignmentFallback,
                         int segmentSeconds, int renderParallelism) {
    }

    public record Inputs(int maxScriptChars, long maxVideoBytes, long maxAudioBytes, Duration downloadTimeout,
                         boolean allowPrivateUrls) {
    }

    /** These settings with other speech settings (a benchmark's models directory or thread count). */
    public Settings withTts(TtsSettings newTts) {
        return new Settings(server, queue, newTts, speech, render, inputs, s3, webhooks, cluster);
    }

    /** Whether other nodes may use this database too: a PostgreSQL one; the SQLite file in DATA_DIR is this node's own. */
    public boolean sharedDatabase() {
        return server.database() instanceof DatabaseUrl.Postgres;
    }

    /**
     * These settings with other segmented-render settings ({@code narrator render --segment-seconds N
     * --render-parallelism N}), checked as SEGMENT_SECONDS and RENDER_PARALLELISM are.
     */
    public Settings withSegments(int segmentSeconds, int renderParallelism) {
        if (segmentSeconds < 0 || segmentSeconds > MAX_SEGMENT_SECONDS) {
            throw new ConfigException("--segment-seconds " + segmentSeconds + " is invalid: expected 0 (one pass) to "
                    + MAX_SEGMENT_SECONDS);
        }
        if (renderParallelism < 1 || renderParallelism > MAX_RENDER_PARALLELISM) {
            throw new ConfigException("--render-parallelism " + renderParallelism + " is invalid: expected 1 to "
                    + MAX_RENDER_PARALLELISM);
        }
        Render r = render;
        return new Settings(server, queue, tts, speech, new Render(r.encoder(), r.x264Preset(), r.crf(), r.ffmpegThreads(),
                r.defaultSize(), r.musicVolume(), r.loudness(), r.fit(), r.alignmentFallback(), segmentSeconds,
                renderParallelism), inputs, s3, webhooks, cluster);
    }

    /** These settings with another role ({@code narrator serve --role}, which wins over ROLE). */
    public Settings withRole(Role role) {
        return new Settings(server, queue, tts, speech, render, inputs, s3, webhooks, cluster.withRole(role));
    }

    /** Reads the process environment over {@code <home>/.env} ({@code NARRATOR_ENV_FILE} overrides the file). */

    public static Settings load(Map<String, String> environment, Path home) {
        Map<String, String> merged = new HashMap<>(EnvFile.read(
                Path.of(environment.getOrDefault("NARRATOR_ENV_FILE", home.resolve(".env").toString()))));
        merged.putAll(environment);
        return from(merged, home);
    }

    /** Builds settings from already-merged values; relative default paths resolve against {@code home}. */
    public static Settings from(Map<String, String> values, Path home) {
        Env env = new Env(values);
        try {
            int port = env.integer("PORT", 8000, 0, 65535);
            Path dataDir = home.resolve(env.path("DATA_DIR", Path.of("data"))).normalize();
            Server server = new Server(env.string("HOST", "0.0.0.0"), port, dataDir,
                    env.optional("API_KEY"),
                    env.optional("METRICS_TOKEN"),
                    env.url("PUBLIC_BASE_URL"),
                    DatabaseUrl.parse(env.optional("DATABASE_URL").orElse(null), dataDir),
                    CorsOrigins.parse(env.string("CORS_ORIGINS", "")));
            Queue queue = new Queue(env.integer("MAX_CONCURRENT_JOBS", 3, 1, 64),
                    env.duration("JOB_TIMEOUT", Duration.ofMinutes(30)),
                    env.integer("JOB_MAX_ATTEMPTS", 3, 1, 20),
                    env.integer("MAX_QUEUED_JOBS", 100, 1, 1_000_000),
                    env.duration("RETENTION", Duration.ofDays(30)),
                    env.bool("RETENTION_DELETE_OBJECTS", false),
                    env.integer("MIN_FREE_DISK_MB", 500, 0, 1_000_000_000) * 1024L * 1024L);
            TtsSettings tts = tts(env, home);
            Speech speech = new Speech(env.integer("SPEECH_CACHE_MB", 256, 0, 1_000_000) * 1024L * 1024L,
                    pauses(env), OpenAiVoices.parse(env.string("OPENAI_VOICE_MAP", "")),
                    env.optional("LEXICON_FILE").map(home::resolve));
            Render render = new Render(env.choice("VIDEO_ENCODER", EncoderChoice.AUTO, EncoderChoice.class),
                    preset(env),
                    env.integer("X264_CRF", RenderOptions.DEFAULT.crf(), 0, 51),
                    env.integer("FFMPEG_THREADS", RenderOptions.DEFAULT.threads(), 0, 64),
                    size(env),
                    env.decimal("MUSIC_VOLUME", RenderOptions.DEFAULT.musicVolume(), 0, 1),
                    new Loudness(env.decimal("LOUDNESS_TARGET", RenderOptions.DEFAULT.loudness().integratedLufs(), -70, -5),
                            env.decimal("TRUE_PEAK", RenderOptions.DEFAULT.loudness().truePeakDbtp(), -9, 0),
                            RenderOptions.DEFAULT.loudness().range()),
                    RenderOptions.DEFAULT.fit(),
                    env.choice("ALIGNMENT_FALLBACK", AlignmentFallback.STRETCH, AlignmentFallback.class),
                    env.integer("SEGMENT_SECONDS", 30, 0, MAX_SEGMENT_SECONDS),
                    env.integer("RENDER_PARALLELISM", 1, 1, MAX_RENDER_PARALLELISM));
            Inputs inputs = new Inputs(env.integer("MAX_SCRIPT_CHARS", 50_000, 1, 1_000_000),
                    env.integer("MAX_VIDEO_MB", 500, 1, 100_000) * 1024L * 1024L,
                    env.integer("MAX_AUDIO_MB", 100, 1, 100_000) * 1024L * 1024L,
                    env.duration("DOWNLOAD_TIMEOUT", Duration.ofSeconds(30)),
                    env.bool("ALLOW_PRIVATE_URLS", false));
            Optional<S3Settings> s3 = s3(env, values);
            Cluster cluster = cluster(env);
            Settings settings = new Settings(server, queue, tts, speech, render, inputs, s3, webhooks(values), cluster);
            Cluster.checkStorage(settings.sharedDatabase(), s3.isPresent(), cluster.sharedStorage());
            return settings;
        } catch (NarratorException | IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static Cluster cluster(Env env) {
        Optional<String> nodeId = env.optional("NODE_ID");
        if (nodeId.isPresent() && !nodeId.get().matches("[A-Za-z0-9._:-]{1,64}")) {
            throw new ConfigException("NODE_ID='" + nodeId.get() + "' is invalid: expected 1 to 64 letters, digits, '.', "
                    + "'_', ':' or '-'");
        }
        Duration heartbeatTimeout = env.duration("JOB_HEARTBEAT_TIMEOUT", Duration.ofMinutes(1));
        if (heartbeatTimeout.compareTo(Duration.ofSeconds(2)) < 0) {
            throw new ConfigException("JOB_HEARTBEAT_TIMEOUT=" + heartbeatTimeout.toMillis()
                    + "ms is invalid: expected at least 2s (heartbeats go every 500 ms)");
        }
        return new Cluster(env.choice("ROLE", Role.ALL, Role.class), nodeId, env.bool("SHARED_STORAGE", false),
                heartbeatTimeout);
    }

    private static TtsSettings tts(Env env, Path home) {
        return new TtsSettings(env.string("TTS_PROVIDER", TtsSettings.PIPER),
                home.resolve(env.path("MODELS_DIR", TtsSettings.DEFAULT_MODELS_DIR)).normalize(),
                env.optional("PIPER_MODEL_PATH").map(home::resolve).orElse(null),
                env.integer("PIPER_THREADS", TtsSettings.DEFAULT_THREADS, 1, 64),
                env.optional("KOKORO_MODEL_PATH").map(home::resolve).orElse(null),
                env.optional("KOKORO_VOICES_PATH").map(home::resolve).orElse(null),
                env.string("KOKORO_SPEAKER", TtsSettings.DEFAULT_KOKORO_SPEAKER),
                env.integer("KOKORO_THREADS", TtsSettings.DEFAULT_THREADS, 1, 64));
    }

    private static Pauses pauses(Env env) {
        return new Pauses(env.decimal("SENTENCE_PAUSE", Pauses.DEFAULT.sentenceSeconds(), 0, 10),
                env.decimal("PARAGRAPH_PAUSE", Pauses.DEFAULT.paragraphSeconds(), 0, 10));
    }

    private static String preset(Env env) {
        String preset = env.string("X264_PRESET", RenderOptions.DEFAULT.x264Preset()).toLowerCase(Locale.ROOT);
        if (!RenderSpec.X264_PRESETS.contains(preset)) {
            throw new ConfigException("X264_PRESET='" + preset + "' is invalid: expected an x264 preset such as veryfast");
        }
        return preset;
    }

    private static VideoSize size(Env env) {
        String raw = env.string("DEFAULT_SIZE", VideoSize.PORTRAIT.toString());
        try {
            return VideoSize.parse(raw);
        } catch (NarratorException e) {
            throw new ConfigException("DEFAULT_SIZE='" + raw + "' is invalid: expected WIDTHxHEIGHT such as 1080x1920");
        }
    }

    private static Optional<S3Settings> s3(Env env, Map<String, String> values) {
        String storage = env.string("STORAGE", "").toLowerCase(Locale.ROOT);
        Optional<S3Settings> s3 = S3Settings.fromEnv(values);
        return switch (storage) {
            case "" -> s3;
            case "local" -> Optional.empty();
            case "s3" -> {
                if (s3.isEmpty()) {
                    throw new ConfigException("STORAGE=s3 needs BACKBLAZE_BUCKET_NAME, BACKBLAZE_KEY_ID, "
                            + "BACKBLAZE_APPLICATION_KEY and BACKBLAZE_ENDPOINT_URL (or their R2_ names)");
                }
                yield s3;
            }
            default -> throw new ConfigException("STORAGE='" + storage + "' is invalid: expected local or s3");
        };
    }

    private static WebhookSettings webhooks(Map<String, String> values) {
        WebhookSettings settings = WebhookSettings.fromEnvironment(values);
        if (settings.globalUrl() != null) {
            new Env(values).url("WEBHOOK_URL");
        }
        return settings;
    }
}
