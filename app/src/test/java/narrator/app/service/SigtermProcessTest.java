package narrator.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to the service as its own JVM while a job is in FFmpeg: the JVM exits within systemd's
 * {@code TimeoutStopSec=30s}, no FFmpeg it started outlives it, and the job goes back to the queue
 * with its attempt given back; a restart then completes it once.
 */
class SigtermProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path data;

    @Test
    void sigtermDuringRenderStopsFfmpegAndRequeuesTheJob() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, String> env = TestService.settings(data, Map.of(
                "PORT", Integer.toString(port), "X264_PRESET", "veryslow", "FFMPEG_THREADS", "1"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "narrator.app.cli.Main", "serve").redirectErrorStream(true)
                .redirectOutput(data.resolve("service.log").toFile());
        builder.environment().putAll(env);
        Process jvm = builder.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + port);
            Await.until("the service to answer", Duration.ofSeconds(30), () -> status(base.resolve("/health")) == 200);
            String script = "This is a narrated video long enough to keep the encoder busy for a while. ".repeat(6);
            HttpResponse<String> submitted = HTTP.send(HttpRequest.newBuilder(base.resolve("/render"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                            Map.of("script", script, "size", "1080x1920"))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(202, submitted.statusCode(), submitted.body());
            String id = JSON.readTree(submitted.body()).get("job_id").asText();

            List<ProcessHandle> ffmpegs = Await.until("the job to be rendering in FFmpeg", Duration.ofSeconds(40),
                    () -> {
                        JsonNode job = json(base.resolve("/jobs/" + id));
                        return "rendering".equals(job.path("stage").asText()) ? ffmpegChildren(jvm) : List.of();
                    },
                    list -> !list.isEmpty());

            long asked = System.nanoTime();
            jvm.destroy(); // SIGTERM
            assertTrue(jvm.waitFor(30, TimeUnit.SECONDS), "the JVM exits within TimeoutStopSec=30s");
            Duration took = Duration.ofNanos(System.nanoTime() - asked);
            assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, "stopped in " + took.toMillis() + " ms");
            Await.until("every FFmpeg it started to be gone", Duration.ofSeconds(10),
                    () -> ffmpegs.stream().noneMatch(ProcessHandle::isAlive));

            try (TestService again = TestService.start(data, Map.of())) {
                JsonNode job = again.job(id);
                assertFalse(job.path("attempts").asInt() > 1, "the stop used up no attempt: " + job);
                JsonNode ended = again.awaitEnded(id);
                assertEquals("completed", ended.path("status").asText(), ended.toString());
                assertEquals(1, again.job(id).path("attempts").asInt(), again.job(id).toString());
            }
        } finally {
            jvm.destroyForcibly();
            jvm.waitFor();
        }
    }

    private static List<ProcessHandle> ffmpegChildren(Process jvm) {
        return jvm.descendants().filter(p -> {
            try {
                return Files.readString(Path.of("/proc", Long.toString(p.pid()), "comm")).trim().equals("ffmpeg");
            } catch (IOException e) {
                return false;
            }
        }).toList();
    }

    private static int status(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static JsonNode json(URI uri) {
        try {
            return JSON.readTree(HTTP.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            return JSON.createObjectNode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return JSON.createObjectNode();
        }
    }
}
