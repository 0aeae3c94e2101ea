package narrator.app.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import narrator.app.api.RequestParser;
import narrator.app.config.CorsOrigins;
import narrator.app.config.Role;
import narrator.app.spec.CaptionsSpec;
import narrator.app.spec.CaptionsSpecCodec;
import narrator.app.spec.JobSpec;
import narrator.app.spec.JobSpecCodec;
import narrator.app.download.AddressPolicy;
import narrator.app.jobs.Enqueued;
import narrator.app.jobs.Job;
import narrator.app.jobs.JobKind;
import narrator.app.jobs.JobScheduler;
import narrator.app.jobs.JobStatus;
import narrator.app.jobs.JobStore;
import narrator.app.segments.SegmentStore;
import narrator.app.jobs.NewJob;
import narrator.app.jobs.QueueCounts;
import narrator.app.jobs.WorkSlots;
import narrator.app.openai.OpenAiVoices;
import narrator.app.openai.SpeechStreamer;
import narrator.app.webhooks.WebhookDelivery;
import narrator.app.metrics.Metrics;
import narrator.app.storage.DiskSpace;
import narrator.app.storage.LocalObjectStore;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.tts.catalogue.VoiceCatalogue;
import narrator.tts.VoiceInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API (Javalin): the reference service's endpoints, kept compatible, plus job inspection,
 * cancel, webhook deliveries, queue status, voices, the API description ({@link ApiDocs}), the operators' page
 * ({@link Dashboard}) and OpenAI's speech API ({@link OpenAiRoutes}, errors in OpenAI's shape under {@code /v1/}); on a
 * worker node ({@link Role#WORKER}) only {@code /health} and {@code /metrics}. Every error leaves as {@code {"error": {code, message}}} with a
 * fitting status; nothing here renders, it only queues and reads.
 */
public final class HttpApi {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final int MAX_BODY_BYTES = 1024 * 1024;
    /** Request attribute set once this API has written the response. */
    private static final String ANSWERED = "narrator.answered";

    /** What the API needs from the rest of the service. */
    public record Dependencies(
            ObjectMapper json,
            RequestParser parser,
            JobSpecCodec codec,
            JobScheduler scheduler,
            JobStore jobs,
            VoiceCatalogue voices,
            AddressPolicy addressPolicy,
            Optional<LocalObjectStore> localFiles,
            Optional<String> apiKey,
            Optional<String> metricsToken,
            int maxConcurrentJobs,
            int maxQueuedJobs,
            Duration syncWait,
            DiskSpace disk,
            Supplier<HealthReport> health,
            Supplier<String> metrics,
            Role role,
            SpeechStreamer speech,
            WorkSlots slots,
            OpenAiVoices openAiVoices,
            CorsOrigins cors,
            Function<String, List<WebhookDelivery>> webhookDeliveries,
            Function<String, Optional<SegmentStore.Summary>> segments) {
    }

    private final Dependencies deps;
    private final JobViews views;
    private final RouteTable routes = new RouteTable();
    private final OpenAiRoutes openAi;
    private final CaptionsSpecCodec captions = new CaptionsSpecCodec();

    public HttpApi(Dependencies deps) {
        this.deps = deps;
        this.views = new JobViews(deps.json());
        this.openAi = new OpenAiRoutes(deps.json(), deps.speech(), deps.slots(), deps.openAiVoices(),
                () -> deps.voices().defaultVoiceId());
    }

    public Javalin create() {
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.http.maxRequestSize = MAX_BODY_BYTES;
            // A known path asked with another method answers 405 with Allow, not 404.
            cfg.http.prefer405over404 = true;
            cfg.routes.before(new Cors(deps.cors())::handle);
            cfg.routes.before(this::authorize);
            route(cfg, "GET", "/health", ctx -> {
                HealthReport health = deps.health().get();
                json(ctx, health.canWork() ? 200 : 503, health.body());
            });
            route(cfg, "GET", "/metrics", ctx -> ctx.contentType(Metrics.CONTENT_TYPE).result(deps.metrics().get()));
            if (deps.role().servesApi()) {
                jobRoutes(cfg);
            }
            cfg.routes.exception(NarratorException.class, (e, ctx) -> error(ctx, e.code(), e.getMessage(), e.details()));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
                error(ctx, ErrorCode.INTERNAL, "internal error", Map.of());
            });
            // Status handlers run for every response with that status, ours included: they only replace
            // Javalin's own plain-text answers (no such endpoint, body too large), never an error we wrote.
            replaceJavalinAnswer(cfg, 404, ErrorCode.NOT_FOUND, ctx -> "no such endpoint: " + ctx.method() + " " + ctx.path());
            replaceJavalinAnswer(cfg, 405, ErrorCode.METHOD_NOT_ALLOWED, ctx -> {
                String allowed = String.join(", ", routes.allowed(ctx.path()));
                ctx.header("Allow", allowed);
                return "method " + ctx.method() + " not allowed on " + ctx.path() + "; allowed: " + allowed;
            });
            replaceJavalinAnswer(cfg, 413, ErrorCode.INPUT_TOO_LARGE, ctx -> "request body over " + MAX_BODY_BYTES + " bytes");
        });
    }

    /** Everything but {@code /health} and {@code /metrics}: a worker node answers none of it (404). */
    private void jobRoutes(JavalinConfig cfg) {
        ApiDocs docs = new ApiDocs();
        route(cfg, "GET", ApiDocs.SPEC_PATH, docs::spec);
        route(cfg, "GET", ApiDocs.PAGE_PATH, docs::page);
        docs.serveAssets(cfg);
        Dashboard dashboard = new Dashboard();
        route(cfg, "GET", Dashboard.PAGE_PATH, dashboard::page);
        dashboard.serveAssets(cfg);
        route(cfg, "POST", "/render", this::queueRender);
        route(cfg, "POST", "/voiceover", ctx -> runNow(ctx, JobKind.VOICEOVER));
        route(cfg, "POST", "/render-video", ctx -> runNow(ctx, JobKind.RENDER_VIDEO));
        route(cfg, "POST", "/captions", ctx -> json(ctx, 202, views.status(queueCaptions(ctx).job())));
        // The GPU render server's paths, beside Narrator's own: its POST /render is told apart by its body.
        route(cfg, "GET", "/api/render/{id}/status", ctx -> json(ctx, 200, views.renderServerStatus(job(ctx))));
        route(cfg, "POST", "/api/render/{id}/cancel", ctx -> json(ctx, 200,
                views.renderServerStatus(deps.scheduler().cancel(ctx.pathParam("id")))));
        route(cfg, "GET", "/status/{id}", ctx -> json(ctx, 200, views.status(job(ctx))));
        route(cfg, "GET", "/jobs/{id}", ctx -> {
            Job job = job(ctx);
            json(ctx, 200, views.detail(job, deps.segments().apply(job.id())));
        });
        route(cfg, "GET", "/jobs", this::listJobs);
        route(cfg, "GET", "/jobs/{id}/webhooks", ctx -> json(ctx, 200,
                views.deliveries(job(ctx), deps.webhookDeliveries().apply(ctx.pathParam("id")))));
        route(cfg, "POST", "/jobs/{id}/cancel", ctx -> json(ctx, 200, views.detail(deps.scheduler().cancel(ctx.pathParam("id")))));
        route(cfg, "GET", "/queue/status", this::queueStatus);
        route(cfg, "GET", "/voices", this::listVoices);
        route(cfg, "GET", "/files/<key>", this::serveFile);
        route(cfg, "POST", "/v1/audio/speech", ctx -> openAi.speech(ctx, () -> ctx.attribute(ANSWERED, Boolean.TRUE)));
        route(cfg, "GET", "/v1/models", ctx -> json(ctx, 200, openAi.models()));
    }

    private void route(JavalinConfig cfg, String method, String path, io.javalin.http.Handler handler) {
        routes.add(method, path);
        switch (method) {
            case "GET" -> cfg.routes.get(path, handler);
            case "POST" -> cfg.routes.post(path, handler);
            default -> throw new IllegalArgumentException(method);
        }
    }

    private void replaceJavalinAnswer(JavalinConfig cfg, int status, ErrorCode code,
                                      Function<Context, String> message) {
        cfg.routes.error(status, ctx -> {
            if (!answered(ctx)) {
                error(ctx, code, message.apply(ctx), Map.of());
            }
        });
    }

    /**
     * {@code /health} is open. {@code /metrics} takes the API key or METRICS_TOKEN, whichever are set (open
     * when neither is). Everything else takes the API key; a worker answers nothing else (a plain 404).
     */
    private void authorize(Context ctx) {
        // Javalin ignores a trailing slash when matching, so "/metrics/" must be checked as "/metrics".
        String path = ctx.path().endsWith("/") && ctx.path().length() > 1
                ? ctx.path().substring(0, ctx.path().length() - 1) : ctx.path();
        if (path.equals("/health") || ApiDocs.isPublic(path) || Dashboard.isPublic(path)) {
            return;
        }
        if (path.equals("/metrics")) {
            List<String> keys = Stream.of(deps.apiKey(), deps.metricsToken())
                    .flatMap(Optional::stream).toList();
            if (!keys.isEmpty() && keys.stream().noneMatch(key -> bearer(ctx, key))) {
                refuse(ctx, "missing or wrong API key or METRICS_TOKEN (Authorization: Bearer <key>)");
            }
            return;
        }
        if (deps.apiKey().isPresent() && deps.role().servesApi() && !bearer(ctx, deps.apiKey().get())) {
            refuse(ctx, "missing or wrong API key (Authorization: Bearer <key>)");
        }
    }

    private static boolean bearer(Context ctx, String key) {
        String header = Optional.ofNullable(ctx.header("Authorization")).orElse("");
        // Constant-time comparison: the key must not leak through response timing.
        return MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8),
                ("Bearer " + key).getBytes(StandardCharsets.UTF_8));
    }

    private static void refuse(Context ctx, String message) {
        ctx.header("WWW-Authenticate", "Bearer");
        throw new NarratorException(ErrorCode.UNAUTHORIZED, message);
    }

    /** A narration, or the GPU render server's captions request, answered in that server's shape. */
    private void queueRender(Context ctx) {
        if (deps.parser().isCaptions(ctx.body())) {
            Job job = queueCaptions(ctx).job();
            QueueCounts counts = deps.jobs().counts();
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("status", "accepted");
            view.put("job_id", job.id());
            view.put("message", "captions job queued; follow it at /api/render/" + job.id() + "/status");
            // The wait for a free worker plus one job's usual run, in whole seconds.
            view.put("estimated_time", counts.estimatedWait(deps.maxConcurrentJobs()).plus(counts.averageDuration())
                    .toSeconds());
            json(ctx, 202, view);
            return;
        }
        Enqueued enqueued = enqueue(ctx, JobKind.RENDER, ctx.header("Idempotency-Key"));
        if (!enqueued.created()) {
            ctx.header("Idempotent-Replayed", "true");
        }
        json(ctx, 202, views.status(enqueued.job()));
    }

    private Enqueued queueCaptions(Context ctx) {
        CaptionsSpec spec = deps.parser().captions(ctx.body());
        String key = ctx.header("Idempotency-Key");
        Enqueued enqueued = submit(ctx, spec.callbackUrl(), "callback_url", captions.newJob(spec, key), key);
        if (!enqueued.created()) {
            ctx.header("Idempotent-Replayed", "true");
        }
        return enqueued;
    }

    /** The reference's synchronous endpoints: a queued job like any other, awaited before answering. */
    private void runNow(Context ctx, JobKind kind) throws InterruptedException, ExecutionException {
        Job job = enqueue(ctx, kind, ctx.header("Idempotency-Key")).job();
        Job done;
        try {
            done = deps.scheduler().whenFinished(job.id()).get(deps.syncWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new NarratorException(ErrorCode.TIMEOUT, "job " + job.id() + " is still running; follow it at /status/"
                    + job.id(), Map.of("job_id", job.id()), null);
        }
        if (done.status() != JobStatus.COMPLETED) {
            ErrorCode code = done.status() == JobStatus.CANCELLED ? ErrorCode.CANCELLED
                    : done.errorCode() == null ? ErrorCode.INTERNAL : done.errorCode();
            String message = done.errorMessage() == null ? "the job " + done.status().label() : done.errorMessage();
            error(ctx, code, message, Map.of("job_id", done.id()));
            return;
        }
        json(ctx, 200, kind == JobKind.VOICEOVER ? views.voiceover(done) : views.status(done));
    }

    private Enqueued enqueue(Context ctx, JobKind kind, String idempotencyKey) {
        JobSpec spec = deps.parser().parse(ctx.body(), kind);
        return submit(ctx, spec.webhookUrl(), "webhook_url", deps.codec().newJob(spec, idempotencyKey), idempotencyKey);
    }

    /** Queues {@code job}, whose events go to {@code callbackUrl} (the request's {@code field}; may be null). */
    private Enqueued submit(Context ctx, String callbackUrl, String field, NewJob job, String idempotencyKey) {
        if (callbackUrl != null) {
            checkWebhook(field, callbackUrl);
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw new NarratorException(ErrorCode.INVALID_REQUEST, "Idempotency-Key must be 1 to 200 characters");
        }
        deps.disk().checkRoomForNewJob();
        try {
            return deps.scheduler().submit(job, deps.maxQueuedJobs());
        } catch (NarratorException e) {
            if (e.code() == ErrorCode.QUEUE_FULL) {
                // A queued job waits about as long as the queue's estimate; ask for at least a few seconds.
                long wait = deps.jobs().counts().estimatedWait(deps.maxConcurrentJobs()).toSeconds();
                ctx.header("Retry-After", Long.toString(Math.max(5, Math.min(wait, 3600))));
            }
            throw e;
        }
    }

    private void checkWebhook(String field, String url) {
        try {
            deps.addressPolicy().check(URI.create(url));
        } catch (NarratorException e) {
            throw new NarratorException(ErrorCode.INVALID_REQUEST, field + " is not allowed: it resolves to a "
                    + "private, loopback or unknown address", Map.of("field", field), null);
        }
    }

    private Job job(Context ctx) {
        String id = ctx.pathParam("id");
        return deps.jobs().find(id).orElseThrow(() -> new NarratorException(ErrorCode.NOT_FOUND, "no job " + id));
    }

    private void listJobs(Context ctx) {
        Optional<JobStatus> status = Optional.ofNullable(ctx.queryParam("status")).filter(s -> !s.isBlank()).map(s -> {
            try {
                return JobStatus.valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new NarratorException(ErrorCode.INVALID_REQUEST, "status must be one of queued, processing, "
                        + "completed, failed, cancelled", Map.of("field", "status"), null);
            }
        });
        int limit = 50;
        String rawLimit = ctx.queryParam("limit");
        if (rawLimit != null) {
            try {
                limit = Integer.parseInt(rawLimit);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 500) {
                throw new NarratorException(ErrorCode.INVALID_REQUEST, "limit must be 1 to 500",
                        Map.of("field", "limit"), null);
            }
        }
        List<Map<String, Object>> jobs = deps.jobs().list(status, limit).stream().map(views::detail).toList();
        json(ctx, 200, Map.of("jobs", jobs));
    }

    private void queueStatus(Context ctx) {
        QueueCounts counts = deps.jobs().counts();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("queued", counts.queued());
        view.put("processing", counts.processing());
        view.put("max_concurrent_jobs", deps.maxConcurrentJobs());
        view.put("estimated_wait_seconds", counts.estimatedWait(deps.maxConcurrentJobs()).toSeconds());
        json(ctx, 200, view);
    }

    private void listVoices(Context ctx) {
        VoiceCatalogue voices = deps.voices();
        List<Map<String, Object>> list = voices.installed().stream().map(v -> voice(v, voices.isLoaded(v.id()))).toList();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("default", voices.defaultVoiceId());
        voices.defaultVoiceNote().ifPresent(note -> view.put("note", note));
        view.put("voices", list);
        json(ctx, 200, view);
    }

    private static Map<String, Object> voice(VoiceInfo v, boolean loaded) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", v.id());
        view.put("engine", v.engine());
        view.put("name", v.name());
        view.put("language", v.language());
        view.put("sample_rate", v.sampleRate());
        view.put("speakers", v.speakers());
        view.put("loaded", loaded);
        return view;
    }

    private void serveFile(Context ctx) {
        LocalObjectStore store = deps.localFiles().orElseThrow(() ->
                new NarratorException(ErrorCode.NOT_FOUND, "files are served only with local storage"));
        String key = ctx.pathParam("key");
        Path file = store.resolve(key).orElseThrow(() -> new NarratorException(ErrorCode.NOT_FOUND, "no file " + key));
        try {
            // Seekable: players ask for byte ranges to jump around in a video.
            ctx.writeSeekableStream(Files.newInputStream(file), contentType(key), Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String contentType(String key) {
        String name = key.toLowerCase(Locale.ROOT);
        if (name.endsWith(".mp4")) {
            return "video/mp4";
        } else if (name.endsWith(".mov")) {
            return "video/quicktime";
        } else if (name.endsWith(".wav")) {
            return "audio/wav";
        } else if (name.endsWith(".jpg")) {
            return "image/jpeg";
        } else if (name.endsWith(".ass")) {
            return "text/x-ssa; charset=utf-8";
        } else if (name.endsWith(".srt")) {
            return "application/x-subrip; charset=utf-8";
        } else if (name.endsWith(".vtt")) {
            return "text/vtt; charset=utf-8";
        } else if (name.endsWith(".json")) {
            return "application/json";
        }
        return "application/octet-stream";
    }

    private void error(Context ctx, ErrorCode code, String message, Map<String, Object> details) {
        // OpenAI's clients read only OpenAI's error shape.
        json(ctx, ApiErrors.status(code), ctx.path().startsWith("/v1/") ? OpenAiErrors.body(code, message, details)
                : ApiErrors.body(code, message, details));
    }

    private void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(write(body));
        ctx.attribute(ANSWERED, Boolean.TRUE);
    }

    /** Whether this API wrote the response (as opposed to Javalin answering on its own). */
    private static boolean answered(Context ctx) {
        return Boolean.TRUE.equals(ctx.attribute(ANSWERED));
    }

    private String write(Object value) {
        try {
            return deps.json().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new NarratorException(ErrorCode.INTERNAL, "cannot encode the response", e);
        }
    }
}
