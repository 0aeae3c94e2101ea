package narrator.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import narrator.app.config.Settings;

/**
 * A whole Narrator service on a free loopback port, with settings fit for tests (espeak voice, small
 * ultrafast renders), and an HTTP client with JSON helpers. Every request carries the bearer key the
 * service was started with, unless a test passes its own Authorization header.
 */
public final class TestService implements AutoCloseable {
    public static final String WEBHOOK_SECRET = "whsec-narrator-test-7Qp";
    public static final Duration JOB_DEADLINE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NarratorService service;
    private final URI base;
    private final Path dataDir;
    private final String apiKey;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private TestService(NarratorService service, Path dataDir, String apiKey) {
        this.service = service;
        this.base = URI.create("http://127.0.0.1:" + service.port());
        this.dataDir = dataDir;
        this.apiKey = apiKey;
    }

    /** Settings every test starts from; {@code overrides} replace them (an empty value unsets one). */
    public static Map<String, String> settings(Path dataDir, Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>();
        values.put("HOST", "127.0.0.1");
        values.put("PORT", "0");
        values.put("DATA_DIR", dataDir.toString());
        values.put("TTS_PROVIDER", "espeak");
        values.put("MODELS_DIR", dataDir.resolve("models").toString());
        values.put("VIDEO_ENCODER", "libx264");
        values.put("X264_PRESET", "ultrafast");
        values.put("FFMPEG_THREADS", "1");
        values.put("DEFAULT_SIZE", "320x568");
        values.put("MAX_CONCURRENT_JOBS", "1");
        values.put("STORAGE", "local");
        values.put("WEBHOOK_SECRET", WEBHOOK_SECRET);
        values.putAll(overrides);
        return values;
    }

    public static TestService start(Path dataDir, Map<String, String> overrides) {
        Map<String, String> values = settings(dataDir, overrides);
        NarratorService service = NarratorService.start(Settings.from(values, dataDir));
        String key = values.get("API_KEY");
        return new TestService(service, dataDir, key == null || key.isBlank() ? null : key);
    }

    /** As {@link #start(Path, Map)}, on the database {@code database} names (an engine's settings). */
    public static TestService start(Path dataDir, Map<String, String> overrides, Map<String, String> database) {
        Map<String, String> values = new HashMap<>(overrides);
        values.putAll(database);
        return start(dataDir, values);
    }

    public URI base() {
        return base;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Reply get(String pathOrUrl, String... headers) {
        return send("GET", pathOrUrl, null, headers);
    }

    /** POSTs {@code body}: a String is sent as is, anything else as JSON. */
    public Reply post(String path, Object body, String... headers) {
        String text;
        try {
            text = body == null ? "" : body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return send("POST", path, text, headers);
    }

    public Reply send(String method, String pathOrUrl, String body, String... headers) {
        URI uri = pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : base.resolve(pathOrUrl);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        boolean authorization = false;
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            authorization |= headers[i].equalsIgnoreCase("Authorization");
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (apiKey != null && !authorization) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POST /render with the small defaults plus {@code fields}; asserts the 202 and returns the job id. */
    public String submit(Map<String, ?> fields) {
        Reply reply = post("/render", request(fields));
        if (reply.status() != 202) {
            throw new AssertionError("POST /render: " + reply);
        }
        return reply.json().get("job_id").asText();
    }

    /** A render request: a one-sentence script at 320x568, then {@code fields}. */
    public static Map<String, Object> request(Map<String, ?> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("script", "Hello from Narrator.");
        body.put("size", "320x568");
        body.putAll(fields);
        return body;
    }

    /** GET /status/{id} until its status is one of {@code statuses}. */
    public JsonNode awaitStatus(String jobId, String... statuses) {
        Set<String> wanted = Set.of(statuses);
        return Await.until("job " + jobId + " to be " + wanted, JOB_DEADLINE,
                () -> get("/status/" + jobId).json(), s -> wanted.contains(s.path("status").asText()));
    }

    /** GET /status/{id} until the job has ended (completed, failed or cancelled). */
    public JsonNode awaitEnded(String jobId) {
        return awaitStatus(jobId, "completed", "failed", "cancelled");
    }

    public JsonNode job(String jobId) {
        return get("/jobs/" + jobId).json();
    }

    public JsonNode queue() {
        return get("/queue/status").json();
    }

    public List<JsonNode> jobs(String query) {
        List<JsonNode> jobs = new java.util.ArrayList<>();
        get("/jobs" + query).json().path("jobs").forEach(jobs::add);
        return jobs;
    }

    @Override
    public void close() {
        service.close();
    }
}
