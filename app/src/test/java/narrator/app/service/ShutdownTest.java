package narrator.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import narrator.pipeline.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A graceful stop (what SIGTERM runs) while a synchronous request waits on its running job: the job
 * goes back to the queue without using up an attempt, and the stop ends well inside systemd's
 * {@code TimeoutStopSec=30s}, rather than the HTTP server waiting for a request that waits for a job
 * nobody has told to stop.
 */
class ShutdownTest {
    @TempDir
    Path data;
    @TempDir
    Path media;

    @Test
    void stopsPromptlyWithASynchronousRequestInFlightAndRequeuesItsJob() throws IOException {
        try (MediaServer inputs = new MediaServer()) {
            MediaServer.Gate gate = inputs.gated("voice.wav", TestMedia.music(media, 2));
            TestService service = TestService.start(data, Map.of("ALLOW_PRIVATE_URLS", "true"));
            CompletableFuture<HttpResponse<String>> waiting = HttpClient.newHttpClient().sendAsync(
                    HttpRequest.newBuilder(service.base().resolve("/render-video"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"script\":\"Hello there.\",\"voiceover_url\":\"" + gate.url + "\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Await.until("the job to reach its download", Duration.ofSeconds(30), () -> gate.arrived() == 1);

            long asked = System.nanoTime();
            service.close();
            Duration took = Duration.ofNanos(System.nanoTime() - asked);

            assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "stopped in " + took.toMillis() + " ms");
            assertTrue(waiting.isDone(), "the waiting request was answered before the server stopped");
        }
        try (TestService again = TestService.start(data, Map.of("ALLOW_PRIVATE_URLS", "true",
                "MAX_CONCURRENT_JOBS", "1"))) {
            // Nothing was lost: the job is queued or running again, its first attempt given back.
            var jobs = again.jobs("");
            assertEquals(1, jobs.size(), jobs.toString());
            assertTrue(jobs.get(0).get("attempts").asInt() <= 1, jobs.toString());
        }
    }
}
