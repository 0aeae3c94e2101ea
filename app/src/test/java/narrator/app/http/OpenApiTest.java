package narrator.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import narrator.app.config.CorsOrigins;
import narrator.app.config.Role;
import narrator.app.openai.AudioFormat;
import narrator.app.service.MediaServer;
import narrator.app.service.Receiver;
import narrator.app.service.Reply;
import narrator.app.service.TestService;
import narrator.core.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * {@code openapi.json} is true both ways: every route the server registers is described and every described
 * route exists; every error code sits under its status; and real answers and webhook bodies of a running
 * service validate against the described schemas.
 */
class OpenApiTest {
    private static final String KEY = "openapi-test-key";
    private final OpenApiContract contract = new OpenApiContract();

    @TempDir
    Path data;

    @Test
    void theDescriptionIsAValidOpenApi31Document() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(contract.spec.toString(), null, options);
        assertEquals(List.of(), parsed.getMessages());
        assertEquals("3.1.0", parsed.getOpenAPI().getOpenapi());
        assertEquals(Set.of("job_started", "job_progress", "voiceover_uploaded", "video_completed", "job_failed",
                "job_cancelled"), parsed.getOpenAPI().getWebhooks().keySet());
    }

    @Test
    void everyRouteIsDescribedAndEveryDescribedRouteExists() {
        Set<String> described = new TreeSet<>();
        contract.spec.get("paths").properties().forEach(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> described.add(method.toUpperCase() + " " + path.getKey())));

        assertEquals(described, routes(Role.ALL));
        assertEquals(described, routes(Role.API));
        // A worker answers only /health and /metrics: no API, hence no description of one.
        assertEquals(Set.of("GET /health", "GET /metrics"), routes(Role.WORKER));
    }

    @Test
    void everyErrorCodeIsDescribedUnderTheStatusItAnswers() {
        List<String> codes = Arrays.stream(ErrorCode.values()).map(ErrorCode::name).toList();
        List<String> enumerated = new java.util.ArrayList<>();
        contract.spec.at("/components/schemas/ErrorCode/enum").forEach(c -> enumerated.add(c.asText()));
        assertEquals(new TreeSet<>(codes), new TreeSet<>(enumerated));

        Map<String, Set<String>> byStatus = new HashMap<>();
        // OpenAiError... responses carry OpenAI's lower-case codes, not ErrorCode's names.
        contract.spec.at("/components/responses").properties().stream()
                .filter(response -> response.getKey().startsWith("Error"))
                .forEach(response -> {
                    Set<String> listed = new TreeSet<>();
                    response.getValue().at("/content/application~1json/schema/allOf/1/properties/error/properties/code/enum")
                            .forEach(c -> listed.add(c.asText()));
                    byStatus.put(response.getKey(), listed);
                });
        Map<String, Set<String>> expected = Arrays.stream(ErrorCode.values()).collect(Collectors.groupingBy(
                code -> "Error" + ApiErrors.status(code), Collectors.mapping(ErrorCode::name, Collectors.toCollection(TreeSet::new))));
        assertEquals(expected, byStatus);
    }

    /** The checks bite: an undescribed status, a missing or extra field, a wrong webhook field all fail. */
    @Test
    void theContractRefusesAnswersThatDoNotMatch() {
        Reply queue = reply(200, "{\"queued\": 0, \"processing\": 0, \"max_concurrent_jobs\": 1, \"estimated_wait_seconds\": 0}");
        contract.assertDescribed("GET", "/queue/status", queue);
        assertThrows(AssertionFailedError.class, () -> contract.assertDescribed("GET", "/queue/status",
                reply(200, "{\"queued\": 0, \"processing\": 0, \"max_concurrent_jobs\": 1}")));
        assertThrows(AssertionFailedError.class, () -> contract.assertDescribed("GET", "/queue/status",
                reply(200, "{\"queued\": 0, \"processing\": 0, \"max_concurrent_jobs\": 1, \"estimated_wait_seconds\": 0, \"x\": 1}")));
        assertThrows(AssertionFailedError.class, () -> contract.assertDescribed("GET", "/queue/status", reply(418, "{}")));
        assertThrows(AssertionFailedError.class, () -> contract.assertDescribed("GET", "/voices",
                reply(404, "{\"error\": {\"code\": \"QUEUE_FULL\", \"message\": \"not this status\"}}")));
        // Under /v1/ an error is OpenAI's shape, not Narrator's; speech answers only the described audio types.
        assertThrows(AssertionFailedError.class, () -> contract.assertDescribed("GET", "/v1/models",
                reply(401, "{\"error\": {\"code\": \"UNAUTHORIZED\", \"message\": \"no key\"}}")));
        contract.assertDescribed("GET", "/v1/models", reply(401,
                "{\"error\": {\"message\": \"no key\", \"type\": \"invalid_request_error\", \"param\": null, \"code\": \"invalid_api_key\"}}"));
        assertThrows(AssertionFailedError.class, () -> contract.assertDescribed("POST", "/v1/audio/speech",
                new Reply(200, HttpHeaders.of(Map.of("Content-Type", List.of("audio/x-unknown")), (k, v) -> true), new byte[0])));
        assertThrows(AssertionFailedError.class, () -> contract.assertWebhook("job_progress", "{\"event\": \"job_progress\", "
                + "\"job_id\": \"j\", \"stage\": \"dancing\", \"progress\": 5, \"timestamp\": \"2026-01-01T00:00:00Z\", "
                + "\"event_id\": \"0b6f6c1e-3d1a-4f5e-9c53-6a1f0f4d2e10\", \"metadata\": {}}"));
    }

    @Test
    void realAnswersAndWebhooksMatchTheirSchemas() throws Exception {
        // WEBHOOK_URL gets the reference format, each job's own webhook_url Narrator's: both are described.
        try (MediaServer media = new MediaServer(); Receiver reference = new Receiver(); Receiver own = new Receiver();
             TestService service = TestService.start(data, Map.of("API_KEY", KEY, "ALLOW_PRIVATE_URLS", "true",
                     "WEBHOOK_URL", reference.url(), "WEBHOOK_FORMAT", "reference", "MAX_SCRIPT_CHARS", "200",
                     "MIN_FREE_DISK_MB", "1"))) {
            check("GET", "/health", service.get("/health", "Authorization", ""));
            Reply metrics = service.get("/metrics");
            check("GET", "/metrics", metrics);
            assertTrue(metrics.text().contains("narrator_jobs_running"), metrics.text());
            check("GET", "/metrics", service.get("/metrics", "Authorization", "Bearer wrong"));
            check("GET", "/openapi.json", service.get("/openapi.json", "Authorization", ""));
            check("GET", "/docs", service.get("/docs", "Authorization", ""));
            check("GET", "/voices", service.get("/voices"));
            check("GET", "/queue/status", service.get("/queue/status"));

            Reply queued = service.post("/render", TestService.request(Map.of("karaoke", true,
                    "metadata", Map.of("order", 42), "webhook_url", own.url())), "Idempotency-Key", "order-42");
            check("POST", "/render", queued);
            String id = queued.json().get("job_id").asText();
            check("POST", "/render", service.post("/render", TestService.request(Map.of("karaoke", true,
                    "metadata", Map.of("order", 42), "webhook_url", own.url())), "Idempotency-Key", "order-42"));
            check("POST", "/render", service.post("/render", TestService.request(Map.of()), "Idempotency-Key", "order-42"));
            assertEquals("completed", service.awaitEnded(id).get("status").asText());
            check("GET", "/status/{id}", service.get("/status/" + id));
            Reply detail = service.get("/jobs/" + id);
            check("GET", "/jobs/{id}", detail);
            check("GET", "/files/{key}", service.get(detail.json().get("video_url").asText()));
            check("POST", "/jobs/{id}/cancel", service.post("/jobs/" + id + "/cancel", null));
            check("GET", "/", service.get("/", "Authorization", ""));

            Reply voiced = service.post("/voiceover", Map.of("script", "Just the voice.", "webhook_url", own.url()));
            check("POST", "/voiceover", voiced);
            check("POST", "/render-video", service.post("/render-video", Map.of("script", "Over my own voice.",
                    "voiceover_url", voiced.json().get("voice_url").asText(), "size", "320x568")));

            String failing = service.submit(Map.of("base_video_url", media.status("gone.mp4", 404), "webhook_url", own.url()));
            assertEquals("failed", service.awaitEnded(failing).get("status").asText());
            check("GET", "/status/{id}", service.get("/status/" + failing));
            check("GET", "/jobs/{id}", service.get("/jobs/" + failing));
            check("GET", "/jobs", service.get("/jobs?limit=10"));
            check("GET", "/jobs", service.get("/jobs?status=finished"));

            check("GET", "/v1/models", service.get("/v1/models"));
            for (AudioFormat format : AudioFormat.values()) {
                Reply speech = service.post("/v1/audio/speech", Map.of("model", "tts-1", "input", "Hello.", "voice", "alloy",
                        "response_format", format.label()));
                assertEquals(format.contentType(), speech.header("Content-Type"));
                check("POST", "/v1/audio/speech", speech);
            }
            check("POST", "/v1/audio/speech", service.post("/v1/audio/speech", Map.of("model", "tts-1", "input", "Hi.",
                    "voice", "alloy", "speed", 4)));
            check("POST", "/v1/audio/speech", service.post("/v1/audio/speech", Map.of("model", "whisper-1", "input", "Hi.",
                    "voice", "alloy")));
            check("POST", "/v1/audio/speech", service.post("/v1/audio/speech", Map.of("model", "tts-1", "input", "* * *",
                    "voice", "alloy")));
            check("GET", "/v1/models", service.get("/v1/models", "Authorization", "Bearer wrong"));

            check("POST", "/render", service.post("/render", "{not json"));
            check("POST", "/render", service.post("/render", Map.of("script", "x".repeat(201))));
            check("POST", "/render", service.post("/render", TestService.request(Map.of()), "Authorization", "Bearer wrong"));
            check("GET", "/jobs/{id}", service.get("/jobs/no-such-job"));
            check("POST", "/voiceover", service.post("/voiceover", Map.of("script", "Hi.", "voice", "piper:nobody")));

            own.await(failing, "job_failed", TestService.JOB_DEADLINE);
            reference.await(id, "video_completed", TestService.JOB_DEADLINE);
            Reply deliveries = service.get("/jobs/" + failing + "/webhooks");
            check("GET", "/jobs/{id}/webhooks", deliveries);
            assertTrue(deliveries.json().get("deliveries").size() >= 2, deliveries.toString());
            check("GET", "/jobs/{id}/webhooks", service.get("/jobs/no-such-job/webhooks"));
            assertTrue(checkWebhooks(own).containsAll(Set.of("job_started", "voiceover_uploaded", "video_completed",
                    "job_failed")));
            assertEquals(Set.of("voiceover_uploaded", "video_completed"), checkWebhooks(reference));
        }
    }

    /** Captions jobs in both shapes: their answers, the GPU render server's status and cancel, and sub-path callbacks. */
    @Test
    void captionsAnswersAndCallbacksMatchTheirSchemas(@TempDir Path media) {
        try (MediaServer inputs = new MediaServer(); Receiver callbacks = new Receiver(); Receiver hooks = new Receiver();
             TestService service = TestService.start(data, Map.of("API_KEY", KEY, "ALLOW_PRIVATE_URLS", "true"))) {
            String video = inputs.file("mine.mp4", narrator.pipeline.testing.TestMedia.flatVideo(media, 2, 320, 240, true));
            List<Map<String, Object>> cues = List.of(Map.of("text", "Hi", "start", 0.2, "end", 1.0,
                    "style", Map.of("fontSize", 24, "color", "#FFFF00")));
            Map<String, Object> gpu = Map.of("videoUrl", video, "scenario", Map.of("cues", cues),
                    "options", Map.of("width", 320, "height", 240, "quality", "high"), "callbackUrl", callbacks.url(),
                    "callback_style", "subpaths", "jobId", "contract-1");

            check("POST", "/render", service.post("/render", gpu));
            check("POST", "/render", service.post("/render", gpu));
            check("POST", "/render", service.post("/render", Map.of("videoUrl", video, "scenario", Map.of())));
            Reply own = service.post("/captions", Map.of("video_url", video, "cues", cues, "callback_url", hooks.url()));
            check("POST", "/captions", own);
            check("POST", "/captions", service.post("/captions", Map.of("video_url", video, "cues", List.of())));
            check("POST", "/captions", service.post("/captions", Map.of("video_url", video, "cues", cues,
                    "job_id", "contract-1")));
            String failing = service.post("/captions", Map.of("video_url", inputs.status("gone.mp4", 404), "cues", cues,
                    "callback_url", callbacks.url(), "callback_style", "subpaths")).json().get("job_id").asText();

            assertEquals("completed", service.awaitEnded("contract-1").get("status").asText());
            assertEquals("completed", service.awaitEnded(own.json().get("job_id").asText()).get("status").asText());
            assertEquals("failed", service.awaitEnded(failing).get("status").asText());
            check("GET", "/api/render/{id}/status", service.get("/api/render/contract-1/status"));
            check("GET", "/api/render/{id}/status", service.get("/api/render/" + failing + "/status"));
            check("GET", "/api/render/{id}/status", service.get("/api/render/nobody/status"));
            check("POST", "/api/render/{id}/cancel", service.post("/api/render/contract-1/cancel", null));
            check("GET", "/jobs/{id}", service.get("/jobs/contract-1"));
            check("GET", "/status/{id}", service.get("/status/contract-1"));

            callbacks.await("contract-1", "video_completed", TestService.JOB_DEADLINE);
            callbacks.await(failing, "job_failed", TestService.JOB_DEADLINE);
            hooks.await(own.json().get("job_id").asText(), "video_completed", TestService.JOB_DEADLINE);
            assertTrue(checkWebhooks(callbacks).containsAll(Set.of("job_started", "video_completed", "job_failed")));
            assertTrue(checkWebhooks(hooks).containsAll(Set.of("job_started", "video_completed")));
        }
    }

    /** A node that cannot work (here: free disk under MIN_FREE_DISK_MB) answers its described 503. */
    @Test
    void anUnhealthyNodesHealthMatchesItsSchema() {
        try (TestService service = TestService.start(data, Map.of("MIN_FREE_DISK_MB", "1000000000"))) {
            Reply health = service.get("/health");
            assertEquals(503, health.status(), health.toString());
            check("GET", "/health", health);
        }
    }

    /** Every body {@code receiver} got matches its event's schema; answers the events seen. */
    private Set<String> checkWebhooks(Receiver receiver) {
        Set<String> events = new TreeSet<>();
        for (Receiver.Hook hook : receiver.hooks()) {
            contract.assertWebhook(hook.event(), hook.body());
            events.add(hook.event());
        }
        return events;
    }

    /** The answer is described and matches its schema. */
    private void check(String method, String path, Reply reply) {
        contract.assertDescribed(method, path, reply);
    }

    private static Reply reply(int status, String json) {
        return new Reply(status, HttpHeaders.of(Map.of("Content-Type", List.of("application/json")), (k, v) -> true),
                json.getBytes(StandardCharsets.UTF_8));
    }

    /** Every method and path the API's Javalin router holds, in the spec's spelling ({@code <key>} as {@code {key}}). */
    private static Set<String> routes(Role role) {
        Javalin app = new HttpApi(new HttpApi.Dependencies(null, null, null, null, null, null, null, Optional.empty(),
                Optional.empty(), Optional.empty(), 1, 1, Duration.ZERO, null, () -> null, () -> "", role, null, null, null,
                CorsOrigins.NONE, null, null)).create();
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(route -> route.endpoint.method.isHttpMethod())
                .map(route -> route.endpoint.method.name() + " " + route.endpoint.path.replace('<', '{').replace('>', '}'))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
