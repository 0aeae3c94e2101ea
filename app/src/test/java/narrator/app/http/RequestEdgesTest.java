package narrator.app.http;

import static narrator.app.http.ErrorCodesTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import narrator.app.service.MediaServer;
import narrator.app.service.Reply;
import narrator.app.service.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Requests at the edges of what the API accepts, through the real server with the default limits. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestEdgesTest {
    private static final String EMOJI = "\uD83D\uDE42";

    private TestService service;
    private MediaServer inputs;

    @TempDir
    Path media;

    @BeforeAll
    void start(@TempDir Path data) {
        inputs = new MediaServer();
        service = TestService.start(data, Map.of("ALLOW_PRIVATE_URLS", "true"));
    }

    @AfterAll
    void stop() {
        service.close();
        inputs.close();
    }

    @Test
    void aFailedJobReportsTheStageItFailedIn() {
        String id = service.submit(Map.of("base_video_url", inputs.status("gone.mp4", 404)));

        JsonNode status = service.awaitEnded(id);
        JsonNode job = service.job(id);

        assertEquals("failed", status.get("status").asText(), status.toString());
        assertEquals("DOWNLOAD_FAILED", job.path("error").path("code").asText(), job.toString());
        assertEquals("downloading", job.get("stage").asText(), job.toString());
        assertTrue(job.get("progress").asDouble() < 100, job.toString());
        assertTrue(job.get("stage_progress").asDouble() < 100, job.toString());
    }

    @Test
    void aJobFailingAfterAStageEndedDoesNotReportThatStageDone() throws Exception {
        Path corrupt = narrator.pipeline.testing.TestMedia.corrupt(media, "corrupt.mp4");
        String id = service.submit(Map.of("base_video_url", inputs.file("corrupt.mp4", corrupt)));

        service.awaitEnded(id);
        JsonNode job = service.job(id);

        // Downloading ended; the input's check failed before speech began.
        assertEquals("INVALID_MEDIA", job.path("error").path("code").asText(), job.toString());
        assertEquals("synthesizing", job.get("stage").asText(), job.toString());
        assertEquals(0.0, job.get("stage_progress").asDouble(), job.toString());
        assertTrue(job.get("progress").asDouble() < 100, job.toString());
    }

    @Test
    void aWrongMethodOnAKnownPathIs405WithAllow() {
        Map<String, String> allowed = Map.of("GET /render", "POST", "DELETE /jobs/abc", "GET", "POST /health", "GET",
                "GET /jobs/abc/cancel", "POST", "PUT /jobs", "GET", "POST /files/uploads/x.mp4", "GET");
        allowed.forEach((request, allow) -> {
            String[] parts = request.split(" ");
            Reply reply = service.send(parts[0], parts[1], null);

            assertError(reply, 405, "METHOD_NOT_ALLOWED");
            assertEquals(allow, reply.header("Allow"), request + ": " + reply);
        });
        assertError(service.get("/no-such-path"), 404, "NOT_FOUND");
    }

    @Test
    void contentAfterTheJsonValueIsRefused() {
        for (String body : new String[] {"{\"script\":\"Hi.\"} xyz", "{\"script\":\"Hi.\"}{}", "{\"script\":\"Hi.\"} 1"}) {
            Reply reply = service.post("/render", body);

            assertError(reply, 400, "INVALID_REQUEST");
            assertEquals("body", reply.json().path("error").path("details").path("field").asText(), reply.toString());
        }
        assertEquals(202, service.post("/render", "{\"script\":\"Hi.\"}  \n").status());
    }

    @Test
    void scriptLengthCountsCharactersNotUtf16Units() {
        // Emoji only: accepted at submit (then nothing speakable fails the job), refused past 50,000 characters.
        assertEquals(202, service.post("/render", Map.of("script", EMOJI.repeat(25_001))).status());
        assertEquals(202, service.post("/render", Map.of("script", EMOJI.repeat(50_000))).status());
        Reply over = service.post("/render", Map.of("script", EMOJI.repeat(50_001)));
        assertError(over, 413, "SCRIPT_TOO_LONG");
        assertEquals("script has 50001 characters; the limit is 50000",
                over.json().path("error").path("message").asText());
    }
}
