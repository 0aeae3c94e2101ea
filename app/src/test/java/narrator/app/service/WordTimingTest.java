package narrator.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import narrator.tts.testing.TestVoices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Piper voice whose model reports its durations (generated in the real format) times the words itself. */
class WordTimingTest {
    @TempDir
    Path data;
    @TempDir
    Path models;

    @Test
    void aVoiceWithADurationsOutputTimesWordsByTheModelAndSaysSo() {
        TestVoices.writeTimedPiperVoice(models, "timed");
        TestVoices.writePiperVoice(models, "plain", 1);
        try (TestService service = TestService.start(data, Map.of("MODELS_DIR", models.toString()))) {
            JsonNode timed = voiceover(service, "piper:timed");
            assertEquals("model", timed.get("word_timing").asText());
            assertEquals("model", service.job(timed.get("job_id").asText()).get("word_timing").asText());
            JsonNode words = service.get(timed.get("timings_url").asText()).json().get("sentences").get(0).get("words");
            assertEquals(5, words.size(), words.toString());
            assertEquals("estimate", voiceover(service, "piper:plain").get("word_timing").asText());
        }
    }

    private static JsonNode voiceover(TestService service, String voice) {
        Reply reply = service.post("/voiceover", Map.of("script", "Hello there, how are you?", "voice", voice));
        assertEquals(200, reply.status(), reply.toString());
        return reply.json();
    }
}
