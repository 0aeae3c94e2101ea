package narrator.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes with roles on one database and one storage mount (in this JVM): an api node takes requests and
 * serves files and status but runs nothing; a worker renders and answers only {@code /health}; a cancel
 * posted to the api node stops the job on the worker.
 */
class RolesTest {
    @TempDir
    Path dir;

    @Test
    void aWorkerAnswersOnlyHealth() {
        try (TestService worker = TestService.start(dir.resolve("worker"), Map.of("ROLE", "worker", "API_KEY", "k-4821"))) {
            assertEquals(200, worker.get("/health").status());
            for (String path : List.of("/jobs", "/jobs/abc", "/status/abc", "/queue/status", "/voices", "/files/a.mp4")) {
                Reply reply = worker.get(path, "Authorization", "Bearer wrong");
                assertEquals(404, reply.status(), path + ": " + reply);
                assertEquals("NOT_FOUND", reply.errorCode(), path);
            }
            assertEquals(404, worker.post("/render", TestService.request(Map.of())).status());
            assertEquals(404, worker.post("/jobs/abc/cancel", "").status());
        }
    }

    @Test
    void anApiNodeTakesRequestsAndServesFilesWhileOnlyTheWorkerRenders() throws Exception {
        try (SharedSqlite db = new SharedSqlite(dir.resolve("shared").resolve("narrator.db"))) {
            int apiPort = freePort();
            try (TestService api = node(db, "api", apiPort, Map.of());
                    TestService worker = node(db, "worker", apiPort, Map.of())) {
                String id = api.submit(Map.of());
                JsonNode done = api.awaitEnded(id);
                assertEquals("completed", done.path("status").asText(), done.toString());
                Reply video = api.get(done.path("video_url").asText());
                assertEquals(200, video.status(), "the api node serves the file the worker stored");
                assertTrue(video.body().length > 1000);

                Reply voiceover = api.post("/voiceover", Map.of("script", "Voiced elsewhere, answered here."));
                assertEquals(200, voiceover.status(), "a synchronous request hears of a job another node ran: " + voiceover);

                Map<String, List<String>> ranOn = new RunHistory(db.dataSource()).all().stream().collect(
                        Collectors.groupingBy(RunHistory.Run::nodeId,
                                Collectors.mapping(RunHistory.Run::outcome, Collectors.toList())));
                assertEquals(Map.of("worker", List.of("completed", "completed")), ranOn);
            }
        }
    }

    @Test
    void aCancelPostedToTheApiNodeStopsTheJobRunningOnTheWorker() throws Exception {
        try (SharedSqlite db = new SharedSqlite(dir.resolve("shared").resolve("narrator.db"))) {
            int apiPort = freePort();
            try (TestService api = node(db, "api", apiPort, Map.of());
                    TestService worker = node(db, "worker", apiPort, Map.of("X264_PRESET", "veryslow"))) {
                String id = api.submit(Map.of("script", "A narrated video long enough to keep the encoder busy. ".repeat(6),
                        "size", "1080x1920"));
                Await.until("the worker to be rendering", TestService.JOB_DEADLINE, () -> api.job(id),
                        job -> "rendering".equals(job.path("stage").asText()));

                long asked = System.nanoTime();
                assertEquals(200, api.post("/jobs/" + id + "/cancel", "").status());
                JsonNode ended = api.awaitEnded(id);
                Duration took = Duration.ofNanos(System.nanoTime() - asked);

                assertEquals("cancelled", ended.path("status").asText(), ended.toString());
                // Heartbeats (which carry the cancel flag back) go every 500 ms; FFmpeg stops at once.
                assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "stopped " + took.toMillis() + " ms after the cancel");
                List<RunHistory.Run> runs = new RunHistory(db.dataSource()).byJob().get(id);
                assertEquals(List.of("worker cancelled"), runs.stream().map(r -> r.nodeId() + " " + r.outcome()).toList());
            }
        }
    }

    /**
     * A node named {@code role} with that role, on {@code db}, whose DATA_DIR/storage is the shared mount;
     * file links point at the api node.
     */
    private TestService node(SharedSqlite db, String role, int apiPort, Map<String, String> more) throws IOException {
        Path data = dir.resolve(role);
        Map<String, String> env = new HashMap<>(db.attach(data));
        Files.createSymbolicLink(data.resolve("storage"), Files.createDirectories(dir.resolve("shared").resolve("storage")));
        env.putAll(Map.of("ROLE", role, "NODE_ID", role, "SHARED_STORAGE", "true",
                "PUBLIC_BASE_URL", "http://127.0.0.1:" + apiPort));
        if (role.equals("api")) {
            env.put("PORT", Integer.toString(apiPort));
        }
        env.putAll(more);
        return TestService.start(data, env);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
