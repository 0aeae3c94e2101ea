package narrator.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import narrator.app.service.Reply;
import narrator.app.service.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With API_KEY set, every endpoint but /health wants the bearer key, and the key never shows. */
class AuthTest {
    private static final String KEY = "key-7f3c9a1e5b";

    @TempDir
    Path data;

    private record Call(String method, String path, String body) {
    }

    private static final List<Call> PROTECTED = List.of(
            new Call("POST", "/render", "{\"script\": \"Hi.\"}"),
            new Call("POST", "/voiceover", "{\"script\": \"Hi.\"}"),
            new Call("POST", "/render-video", "{\"script\": \"Hi.\"}"),
            new Call("GET", "/status/some-job", null),
            new Call("GET", "/jobs", null),
            new Call("GET", "/jobs/some-job", null),
            new Call("GET", "/jobs/some-job/webhooks", null),
            new Call("POST", "/jobs/some-job/cancel", ""),
            new Call("GET", "/queue/status", null),
            new Call("GET", "/voices", null),
            new Call("GET", "/files/uploads/voiceovers/x-voice.wav", null));

    @Test
    void everyEndpointButHealthNeedsTheKeyAndNothingRevealsIt() {
        List<String> seen = new ArrayList<>();
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(new Tee(original, logs), true, StandardCharsets.UTF_8));
        try (TestService service = TestService.start(data, Map.of("API_KEY", KEY))) {
            Reply health = service.get("/health", "Authorization", "");
            assertEquals(200, health.status(), health.toString());
            seen.add(health.text() + health.headers().map());

            for (Call call : PROTECTED) {
                for (String header : List.of("", "Bearer wrong-key", "Bearer " + KEY + "x", "Basic " + KEY, KEY)) {
                    Reply reply = service.send(call.method(), call.path(), call.body(), "Authorization", header);
                    String what = call.method() + " " + call.path() + " with '" + header + "'";
                    assertEquals(401, reply.status(), what + ": " + reply);
                    assertEquals("UNAUTHORIZED", reply.errorCode(), what);
                    assertEquals("application/json", reply.header("Content-Type"), what);
                    assertEquals("Bearer", reply.header("WWW-Authenticate"), what);
                    seen.add(reply.text() + reply.headers().map());
                }
            }
            assertEquals(0, service.jobs("").size(), "refused requests queue nothing");

            Reply voiceover = service.post("/voiceover", "{\"script\": \"With the key.\"}");
            assertEquals(200, voiceover.status(), voiceover.toString());
            String voiceUrl = voiceover.json().get("voice_url").asText();
            String id = voiceover.json().get("job_id").asText();
            for (String path : List.of("/status/" + id, "/jobs/" + id, "/jobs", "/queue/status", "/voices", voiceUrl)) {
                Reply reply = service.get(path);
                assertEquals(200, reply.status(), path + ": " + reply);
                seen.add(reply.headers().map() + (path.equals(voiceUrl) ? "" : reply.text()));
            }
            assertEquals(401, service.get(voiceUrl, "Authorization", "").status(), "files need the key too");
            seen.add(voiceover.text() + voiceover.headers().map());
        } finally {
            System.setErr(original);
        }
        for (String text : seen) {
            assertFalse(text.contains(KEY), "the key leaked in: " + text);
        }
        String logged = logs.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("listening on"), "the service's log was captured");
        assertFalse(logged.contains(KEY), "the key leaked into the log");
    }

    /** Writes to the console and to a buffer. */
    private static final class Tee extends OutputStream {
        private final OutputStream console;
        private final OutputStream copy;

        Tee(OutputStream console, OutputStream copy) {
            this.console = console;
            this.copy = copy;
        }

        @Override
        public synchronized void write(int b) {
            try {
                copy.write(b);
                console.write(b);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            ((ByteArrayOutputStream) copy).write(b, off, len);
            try {
                console.write(b, off, len);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
