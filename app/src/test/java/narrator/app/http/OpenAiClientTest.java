package narrator.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import narrator.app.service.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The speech API through the real {@code openai} npm client ({@code src/test/node}, pinned by its package-lock;
 * {@code ./narrator test} runs {@code npm ci} there). Never skipped: without Node.js or the installed client it fails
 * saying what to run.
 */
class OpenAiClientTest {
    private static final Path CLIENT = Path.of("src", "test", "node");

    @TempDir
    Path data;

    @Test
    void theOpenAiClientLibraryStreamsSpeechListsModelsAndReadsOurErrors() throws Exception {
        requireClient();
        try (TestService service = TestService.start(data, Map.of("API_KEY", OpenAiSpeechTest.KEY))) {
            ProcessBuilder node = new ProcessBuilder("node", "speech.mjs").directory(CLIENT.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            node.environment().putAll(Map.of("NARRATOR_URL", service.base().toString(), "NARRATOR_KEY", OpenAiSpeechTest.KEY,
                    "NARRATOR_INPUT", OpenAiSpeechTest.THREE_SENTENCES));
            Process process = node.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "node finished");
            assertEquals(0, process.exitValue(), "node speech.mjs failed; stdout: " + out);
            JsonNode seen = new ObjectMapper().readTree(out.lines().reduce((a, b) -> b).orElse("{}"));

            JsonNode mp3 = seen.get("mp3");
            assertEquals(200, mp3.get("status").asInt());
            assertEquals("audio/mpeg", mp3.get("contentType").asText());
            // An MPEG audio frame header (0xFFF sync) or an ID3 tag starts the stream.
            String head = mp3.get("head").asText();
            assertTrue(head.startsWith("fff") || head.startsWith("494433"), head);
            assertTrue(mp3.get("bytes").asInt() > 10_000, mp3.toString());
            // 1.5x speed: well under the 3+ seconds of three sentences at 24 kHz, 16-bit.
            int pcm = seen.get("pcm").get("bytes").asInt();
            assertTrue(pcm > 48_000 && pcm % 2 == 0, seen.toString());
            assertEquals(List.of("tts-1", "tts-1-hd", "gpt-4o-mini-tts"),
                    List.of(seen.get("models").get(0).asText(), seen.get("models").get(1).asText(),
                            seen.get("models").get(2).asText()));

            assertClientError(seen.get("badVoice"), "BadRequestError", 400, "voice", "unknown_voice");
            assertClientError(seen.get("badSpeed"), "BadRequestError", 400, "speed", "invalid_request");
            assertClientError(seen.get("badKey"), "AuthenticationError", 401, null, "invalid_api_key");
        }
    }

    private static void assertClientError(JsonNode error, String type, int status, String param, String code) {
        assertTrue(error.get("thrown").asBoolean(), error.toString());
        assertEquals(type, error.get("class").asText(), error.toString());
        assertEquals(status, error.get("status").asInt());
        assertEquals(param, error.get("param").isNull() ? null : error.get("param").asText(), error.toString());
        assertEquals(code, error.get("code").asText());
    }

    private static void requireClient() throws InterruptedException {
        try {
            Process version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            version.getInputStream().readAllBytes();
            if (!version.waitFor(30, TimeUnit.SECONDS) || version.exitValue() != 0) {
                fail("`node --version` failed: install Node.js 18+ (./narrator test installs it)");
            }
        } catch (IOException e) {
            fail("Node.js is not installed (`node` not found): ./narrator test installs it, with the openai client");
        }
        if (!Files.isDirectory(CLIENT.resolve("node_modules").resolve("openai"))) {
            fail("the openai client is not installed: run `npm ci` in app/src/test/node (./narrator test does)");
        }
    }
}
