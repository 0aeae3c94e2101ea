package narrator.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import narrator.app.service.Await;
import narrator.app.service.MediaServer;
import narrator.app.service.Receiver;
import narrator.app.service.Reply;
import narrator.app.service.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics}: real scrapes of a real service, before and after real jobs, and who may scrape. */
class MetricsTest {
    @TempDir
    Path data;

    @Test
    void aScrapeAfterRealJobsShowsTheirCountsStagesWebhooksQueueAndMemory() {
        try (Receiver receiver = new Receiver(); MediaServer media = new MediaServer();
                TestService service = TestService.start(data, Map.of("ALLOW_PRIVATE_URLS", "true"))) {
            String before = scrape(service);
            assertEquals(0.0, value(before, "narrator_queue_jobs"), before);
            assertEquals(0.0, value(before, "narrator_jobs_running"), before);

            String done = service.submit(Map.of("webhook_url", receiver.url()));
            assertEquals("completed", service.awaitEnded(done).path("status").asText());
            String failed = service.submit(Map.of("base_video_url", media.status("missing.mp4", 404)));
            JsonNode failure = service.awaitEnded(failed);
            assertEquals("failed", failure.path("status").asText(), failure.toString());
            String code = failure.path("error_code").asText();

            // The counters move when listeners hear of the ending, just after /status shows it.
            String after = Await.until("the jobs and the webhook to be counted", TestService.JOB_DEADLINE,
                    () -> scrape(service), text -> value(text, "narrator_jobs_completed_total{kind=\"render\"}") == 1.0
                            && value(text, "narrator_jobs_failed_total{error_code=\"" + code + "\",kind=\"render\"}") == 1.0
                            && value(text, "narrator_webhook_delivery_lag_seconds_count") >= 1.0);
            assertEquals(2.0, value(after, "narrator_jobs_submitted_total{kind=\"render\"}"), after);
            assertTrue(value(after, "narrator_webhook_attempts_total{outcome=\"delivered\"}") >= 1.0, after);
            // Each stage of the completed job is timed once, in a histogram with few buckets.
            for (String stage : new String[] {"synthesizing", "rendering"}) {
                String labels = "{kind=\"render\",stage=\"" + stage + "\"}";
                assertEquals(1.0, value(after, "narrator_job_stage_duration_seconds_count" + labels), after);
                assertTrue(value(after, "narrator_job_stage_duration_seconds_sum" + labels) > 0, after);
                assertEquals(1.0, value(after, "narrator_job_stage_duration_seconds_bucket" + labels.replace("}",
                        ",le=\"+Inf\"}")), after);
            }
            // The completed job made speech and encoded a video; the failed one stopped at its download.
            assertEquals(1.0, value(after, "narrator_speech_realtime_factor_count{engine=\"espeak\"}"), after);
            assertTrue(value(after, "narrator_speech_realtime_factor_sum{engine=\"espeak\"}") > 0, after);
            assertEquals(1.0, value(after, "narrator_encode_fps_count"), after);
            assertTrue(value(after, "narrator_encode_fps_sum") > 0, after);
            assertEquals(0.0, value(after, "narrator_queue_jobs"), after);
            assertEquals(0.0, value(after, "narrator_queue_oldest_age_seconds"), after);
            assertTrue(value(after, "narrator_process_resident_memory_bytes") > 10e6, after);
            assertTrue(value(after, "narrator_system_memory_available_bytes") > 0, after);
            assertTrue(value(after, "narrator_disk_free_bytes") > 0, after);
            assertTrue(heapUsed(after) > 0, after);
            assertTrue(after.contains("# TYPE process_cpu_usage gauge"), after);
        }
    }

    /** One job held in its download, one waiting behind it: the gauges show both; cancelling both counts two. */
    @Test
    void theGaugesShowARunningAndAWaitingJobAndCancelsAreCounted() throws Exception {
        Path base = Files.writeString(data.resolve("held.mp4"), "never read");
        try (MediaServer media = new MediaServer();
                TestService service = TestService.start(data.resolve("service"), Map.of("ALLOW_PRIVATE_URLS", "true"))) {
            MediaServer.Gate gate = media.gated("held.mp4", base);
            try {
                String running = service.submit(Map.of("base_video_url", gate.url));
                Await.until("the first job to reach its download", TestService.JOB_DEADLINE, () -> gate.arrived() > 0);
                String waiting = service.submit(Map.of());
                String text = Await.until("the gauges to show the queue", TestService.JOB_DEADLINE, () -> scrape(service),
                        t -> value(t, "narrator_queue_jobs") == 1.0 && value(t, "narrator_jobs_running") == 1.0);
                assertTrue(value(text, "narrator_queue_oldest_age_seconds") >= 0, text);

                service.post("/jobs/" + waiting + "/cancel", "");
                service.post("/jobs/" + running + "/cancel", "");
                Await.until("both cancels to be counted", TestService.JOB_DEADLINE, () -> scrape(service),
                        t -> value(t, "narrator_jobs_cancelled_total{kind=\"render\"}") == 2.0);
            } finally {
                gate.open();
            }
        }
    }

    @Test
    void withAnApiKeyMetricsTakeTheKeyOrTheMetricsTokenWhichOpensNothingElse() {
        try (TestService service = TestService.start(data, Map.of("API_KEY", "key-5521", "METRICS_TOKEN", "scrape-77"))) {
            assertEquals(401, service.get("/metrics", "Authorization", "Bearer nope").status());
            assertEquals(401, service.get("/metrics/", "Authorization", "Bearer nope").status());
            assertEquals(200, service.get("/metrics", "Authorization", "Bearer key-5521").status());
            Reply scraped = service.get("/metrics", "Authorization", "Bearer scrape-77");
            assertEquals(200, scraped.status(), scraped.toString());
            assertTrue(scraped.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), scraped.toString());
            ErrorCodesTest.assertError(service.get("/jobs", "Authorization", "Bearer scrape-77"), 401, "UNAUTHORIZED");
            assertEquals(200, service.get("/health", "Authorization", "Bearer nope").status());
        }
    }

    @Test
    void aMetricsTokenAloneGuardsOnlyMetrics() {
        try (TestService service = TestService.start(data, Map.of("METRICS_TOKEN", "scrape-77"))) {
            ErrorCodesTest.assertError(service.get("/metrics"), 401, "UNAUTHORIZED");
            assertEquals(200, service.get("/metrics", "Authorization", "Bearer scrape-77").status());
            assertEquals(200, service.get("/jobs").status(), "no API key: the API stays open");
        }
    }

    @Test
    void withNoKeyMetricsAreOpen() {
        try (TestService service = TestService.start(data, Map.of())) {
            Reply reply = service.get("/metrics");
            assertEquals(200, reply.status(), reply.toString());
            assertTrue(reply.text().contains("# TYPE narrator_jobs_running gauge"), reply.text());
        }
    }

    @Test
    void aWorkerServesMetricsBehindTheApiKey() {
        Map<String, String> env = new HashMap<>(Map.of("ROLE", "worker", "API_KEY", "key-5521"));
        try (TestService worker = TestService.start(data, env)) {
            ErrorCodesTest.assertError(worker.get("/metrics", "Authorization", "Bearer nope"), 401, "UNAUTHORIZED");
            Reply reply = worker.get("/metrics");
            assertEquals(200, reply.status(), reply.toString());
            assertTrue(reply.text().contains("narrator_queue_jobs"), reply.text());
            assertEquals(404, worker.get("/jobs").status());
        }
    }

    private static String scrape(TestService service) {
        Reply reply = service.get("/metrics");
        assertEquals(200, reply.status(), reply.toString());
        return reply.text();
    }

    /** The value of the sample {@code series} (name and labels exactly as exposed); NaN when absent. */
    static double value(String text, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /** The heap in use, all pools together (their names depend on the collector; one may be empty after a GC). */
    private static double heapUsed(String text) {
        Matcher m = Pattern.compile("(?m)^jvm_memory_used_bytes\\{area=\"heap\",id=\"[^\"]+\"} (\\S+)$").matcher(text);
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }
}
