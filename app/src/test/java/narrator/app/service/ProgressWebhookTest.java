package narrator.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code job_progress} through the real notifier, outbox and dispatcher to a real receiver: the whole
 * job's percent (the number {@code /jobs/{id}} shows), rising, at most one per interval, through every
 * stage up to the render.
 */
class ProgressWebhookTest {
    /**
     * About 40 s of speech, drawn at 720x1280 (the tests' 320x568 encodes this in about a second, under the
     * one-second interval): the render lasts several intervals and reports progress of its own.
     */
    private static final String SCRIPT = "Narrator reads this script aloud, one sentence after another. ".repeat(10)
            + "The video is burned with subtitles and encoded in one pass. ".repeat(10);

    @TempDir
    Path data;

    @Test
    void progressWebhooksCarryTheWholeJobsPercentRisingAtTheIntervalThroughTheRender() {
        try (Receiver receiver = new Receiver(); TestService service = TestService.start(data,
                Map.of("ALLOW_PRIVATE_URLS", "true", "WEBHOOK_PROGRESS_INTERVAL_SECONDS", "1",
                        "DEFAULT_SIZE", "720x1280"))) {
            String id = service.submit(Map.of("script", SCRIPT, "webhook_url", receiver.url()));

            // /jobs/{id} while it runs: the same whole-job number, never going back.
            List<Double> polled = new java.util.ArrayList<>();
            Await.until("job " + id + " to end", TestService.JOB_DEADLINE, () -> {
                JsonNode job = service.job(id);
                polled.add(job.get("progress").asDouble());
                return job.get("status").asText();
            }, status -> !status.equals("queued") && !status.equals("processing"));
            assertEquals("completed", service.awaitEnded(id).get("status").asText());
            for (int i = 1; i < polled.size(); i++) {
                assertTrue(polled.get(i) >= polled.get(i - 1), "/jobs/{id} progress never goes back: " + polled);
            }
            assertEquals(100.0, polled.get(polled.size() - 1));
            receiver.await(id, "video_completed", Duration.ofSeconds(20));
            List<Receiver.Hook> progress = receiver.hooks(id).stream()
                    .filter(h -> h.event().equals("job_progress")).toList();
            List<String> seen = progress.stream()
                    .map(h -> h.payload().get("stage").asText() + " " + h.payload().get("progress").asInt()).toList();

            assertTrue(progress.size() >= 3, "several reports: " + seen);
            for (int i = 0; i < progress.size(); i++) {
                Receiver.Hook hook = progress.get(i);
                int percent = hook.payload().get("progress").asInt();
                String stage = hook.payload().get("stage").asText();
                assertTrue(percent >= 0 && percent <= 99, "0 to 99: " + seen);
                // The whole job's percent: synthesis lies between the download's and the render's shares.
                switch (stage) {
                    case "synthesizing" -> assertTrue(percent >= 5 && percent <= 33, "synthesis: " + seen);
                    case "rendering" -> assertTrue(percent >= 37 && percent <= 92, "render: " + seen);
                    default -> { }
                }
                if (i > 0) {
                    Receiver.Hook before = progress.get(i - 1);
                    assertTrue(percent > before.payload().get("progress").asInt(), "rising: " + seen);
                    Instant previous = Instant.parse(before.payload().get("timestamp").asText());
                    Instant now = Instant.parse(hook.payload().get("timestamp").asText());
                    assertTrue(!now.isBefore(previous.plusSeconds(1)), "at most one a second: " + seen);
                }
            }
            assertTrue(seen.stream().anyMatch(s -> s.startsWith("rendering ")), "the render reports: " + seen);
            assertEquals(100.0, service.job(id).get("progress").asDouble());
        }
    }
}
