package narrator.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import narrator.tts.testing.TestVoices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A multi-speaker Piper voice (generated in the real format) speaks as the speaker the request names. */
class SpeakerTest {
    @TempDir
    Path data;
    @TempDir
    Path models;

    @Test
    void theRequestedSpeakerReachesTheModel() {
        TestVoices.writePiperVoice(models, "duo", 2);
        try (TestService service = TestService.start(data, Map.of("MODELS_DIR", models.toString()))) {
            JsonNode voice = service.get("/voices").json().get("voices");
            JsonNode duo = null;
            for (JsonNode v : voice) {
                if (v.get("id").asText().equals("piper:duo")) {
                    duo = v;
                }
            }
            assertEquals(2, duo.get("speakers").size(), duo.toString());

            byte[] first = speak(service, TestVoices.speakerName(0));
            byte[] second = speak(service, TestVoices.speakerName(1));
            byte[] byNumber = speak(service, 1);
            assertFalse(Arrays.equals(first, second), "different speakers sound different");
            assertEquals(Arrays.toString(second), Arrays.toString(byNumber), "a speaker by number is the same speaker");

            for (Object bad : new Object[] {"nobody", 2, ""}) {
                Reply refused = service.post("/voiceover", Map.of("script", "Hello there.", "voice", "piper:duo",
                        "speaker", bad));
                assertEquals(400, refused.status(), refused.toString());
                assertEquals("speaker", refused.json().get("error").get("details").get("field").asText());
            }
        }
    }

    private static byte[] speak(TestService service, Object speaker) {
        Reply reply = service.post("/voiceover", Map.of("script", "Hello there, how are you?", "voice", "piper:duo",
                "speaker", speaker));
        assertEquals(200, reply.status(), reply.toString());
        return service.get(reply.json().get("voice_url").asText()).body();
    }
}
