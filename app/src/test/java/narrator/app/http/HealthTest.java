package narrator.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import narrator.app.db.DatabaseUrl;
import narrator.app.service.Await;
import narrator.app.service.Reply;
import narrator.app.service.TestService;
import narrator.app.testing.PostgresServer;
import narrator.tts.testing.TestVoices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read-only endpoints: health, voices, queue. */
class HealthTest {
    @TempDir
    Path data;

    @Test
    void healthReportsWorkersQueueVoicesFfmpegAndDisk() {
        try (TestService service = TestService.start(data, Map.of("MAX_CONCURRENT_JOBS", "2", "MIN_FREE_DISK_MB", "1"))) {
            Reply reply = service.get("/health");

            assertEquals(200, reply.status(), reply.toString());
            JsonNode health = reply.json();
            assertTrue(List.of("healthy", "degraded").contains(health.get("status").asText()), health.toString());
            assertEquals("narrator", health.get("service").asText());
            assertFalse(health.get("version").asText().isBlank());
            assertEquals(0, health.at("/workers/active").asInt());
            assertEquals(2, health.at("/workers/max_concurrent_jobs").asInt());
            assertEquals(0, health.at("/queue/queued").asInt());
            assertEquals(0, health.at("/queue/processing").asInt());
            assertEquals("espeak:en-us", health.at("/voices/default").asText());
            assertTrue(health.at("/voices/installed").asInt() > 0);
            assertTrue(health.at("/ffmpeg/available").asBoolean(), health.toString());
            assertEquals("libx264", health.at("/ffmpeg/encoder").asText());
            assertTrue(health.at("/disk/data_dir_free_bytes").asLong() > 0);
            assertTrue(health.at("/disk/free_mb").asLong() > 1, health.toString());
            assertTrue(health.at("/disk/total_mb").asLong() >= health.at("/disk/free_mb").asLong(), health.toString());
            assertEquals(1, health.at("/disk/min_free_mb").asLong());
            assertTrue(health.at("/disk/ok").asBoolean(), health.toString());
            assertTrue(health.at("/database/reachable").asBoolean(), health.toString());
            assertTrue(health.at("/memory/rss_bytes").asLong() > 10_000_000, health.toString());
            assertTrue(health.at("/memory/heap_used_bytes").asLong() > 0, health.toString());
            assertTrue(health.at("/memory/heap_max_bytes").asLong() >= health.at("/memory/heap_used_bytes").asLong(),
                    health.toString());
            assertTrue(health.at("/memory/system_available_bytes").asLong() > 0, health.toString());
            assertTrue(health.at("/voices/loaded").isArray(), health.toString());
            assertEquals("healthy", health.get("status").asText(), health.toString());
        }
    }

    /**
     * A threshold above any real disk's free space: the real reading is under it. The node cannot take
     * work, so a load balancer or watchdog sees 503.
     */
    @Test
    void underMinFreeDiskHealthAnswers503AndNewJobsAreRefused() {
        try (TestService service = TestService.start(data, Map.of("MIN_FREE_DISK_MB", "1000000000"))) {
            Reply reply = service.get("/health");
            assertEquals(503, reply.status(), reply.toString());
            JsonNode health = reply.json();
            assertEquals("unhealthy", health.get("status").asText(), health.toString());
            assertFalse(health.at("/disk/ok").asBoolean(), health.toString());
            assertEquals(1_000_000_000L, health.at("/disk/min_free_mb").asLong());
            assertTrue(health.at("/disk/free_mb").asLong() > 0, health.toString());

            for (String path : List.of("/render", "/voiceover")) {
                Reply refused = service.post(path, Map.of("script", "No room for this."));
                ErrorCodesTest.assertError(refused, 507, "INSUFFICIENT_STORAGE");
                assertEquals(1_000_000_000L, refused.json().at("/error/details/min_free_mb").asLong(), refused.toString());
                assertFalse(refused.text().contains(data.toString()), "no server path: " + refused);
            }
            assertEquals(List.of(), service.jobs(""), "no job was created");
        }
    }

    /**
     * A PostgreSQL database that stops taking connections (its server's own switch, existing sessions ended):
     * 503 while it is unreachable, 200 again once it is back.
     */
    @Test
    void withTheDatabaseUnreachableHealthAnswers503UntilItIsBack() throws Exception {
        DatabaseUrl.Postgres postgres = PostgresServer.shared().createDatabase();
        String name = postgres.jdbcUrl().substring(postgres.jdbcUrl().lastIndexOf('/') + 1);
        Map<String, String> env = Map.of("SHARED_STORAGE", "true", "DATABASE_URL", "jdbc:postgresql://"
                + postgres.user() + "@" + postgres.jdbcUrl().substring("jdbc:postgresql://".length()));
        try (TestService service = TestService.start(data, env)) {
            assertEquals(200, service.get("/health").status());

            admin(postgres, "ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS false",
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
            Reply down = service.get("/health");
            assertEquals(503, down.status(), down.toString());
            assertEquals("unhealthy", down.json().get("status").asText(), down.toString());
            assertFalse(down.json().at("/database/reachable").asBoolean(), down.toString());
            assertFalse(down.text().contains(postgres.jdbcUrl()), "no database address: " + down);
            // Its nulls (no queue counts without the database) are the described ones.
            new OpenApiContract().assertDescribed("GET", "/health", down);

            admin(postgres, "ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS true");
            Await.until("health to recover", Duration.ofSeconds(30), () -> service.get("/health").status() == 200);
        }
    }

    private static void admin(DatabaseUrl.Postgres postgres, String... statements) throws SQLException {
        String url = postgres.jdbcUrl().substring(0, postgres.jdbcUrl().lastIndexOf('/') + 1) + "postgres";
        try (Connection c = DriverManager.getConnection(url, postgres.user(), ""); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    @Test
    void voicesListsEspeakAndInstalledPiperVoices() throws Exception {
        TestVoices.writePiperVoice(Files.createDirectories(data.resolve("models")), "en_US-test-low", 2);
        try (TestService service = TestService.start(data, Map.of())) {
            JsonNode voices = service.get("/voices").json();

            assertEquals("espeak:en-us", voices.get("default").asText());
            List<String> ids = new ArrayList<>();
            voices.get("voices").forEach(v -> ids.add(v.get("id").asText()));
            assertTrue(ids.containsAll(List.of("piper:en_US-test-low", "espeak:en-us", "espeak:de")), ids.toString());
            JsonNode piper = voices.get("voices").get(ids.indexOf("piper:en_US-test-low"));
            assertEquals("piper", piper.get("engine").asText());
            assertEquals(22050, piper.get("sample_rate").asInt());
            assertEquals(2, piper.get("speakers").size(), piper.toString());
            assertFalse(piper.get("loaded").asBoolean());

            Reply spoken = service.post("/voiceover", Map.of("script", "Speak with Piper.", "voice", "piper:en_US-test-low"));
            assertEquals(200, spoken.status(), spoken.toString());
            assertTrue(service.get("/voices").json().get("voices").get(ids.indexOf("piper:en_US-test-low"))
                    .get("loaded").asBoolean());
        }
    }

    @Test
    void queueStatusEstimatesTheWait() {
        try (TestService service = TestService.start(data, Map.of())) {
            JsonNode queue = service.queue();

            assertEquals(List.of("queued", "processing", "max_concurrent_jobs", "estimated_wait_seconds"),
                    fields(queue));
            assertEquals(0, queue.get("estimated_wait_seconds").asLong());
            assertEquals(1, queue.get("max_concurrent_jobs").asInt());
        }
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
