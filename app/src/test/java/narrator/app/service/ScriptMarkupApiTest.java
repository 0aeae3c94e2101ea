package narrator.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import narrator.tts.testing.TestVoices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Script markup through the HTTP API on a real service: a dialogue speaks in its speakers' voices,
 * every markup error is refused at submit with INVALID_REQUEST naming its line and column, and
 * {@code "markup": false} reads the same text as plain words.
 */
class ScriptMarkupApiTest {
    @TempDir
    Path data;
    @TempDir
    Path models;

    @Test
    void dialogueSpeaksInTheSpeakersVoicesAndMarkupErrorsAreRefusedAtSubmitWithTheirPlace() throws Exception {
        TestVoices.writePiperVoice(models, "duo", 2);
        Path lexiconFile = Files.writeString(models.resolve("lexicon.json"), "{\"Nginx\": \"/ˈɛndʒɪn ɛks☃/\"}");
        try (TestService service = TestService.start(data, Map.of("MODELS_DIR", models.toString(),
                "LEXICON_FILE", lexiconFile.toString()))) {
            Map<String, Object> speakers = Map.of(
                    "ALICE", Map.of("voice", "piper:duo", "speaker", 0, "color", "#FFD166"),
                    "BOB", Map.of("voice", "piper:duo", "speaker", "speaker_1"));
            byte[] dialogue = voice(service, Map.of("script", "ALICE: Where were you last night?\nBOB: Where were you last night?",
                    "voice", "piper:duo", "speakers", speakers));
            byte[] alone = voice(service, Map.of("script", "Where were you last night?\nWhere were you last night?",
                    "voice", "piper:duo"));
            assertEquals(alone.length, dialogue.length, "the same words, the same length");
            assertFalse(Arrays.equals(alone, dialogue), "BOB's line is in speaker 1's voice");

            refused(service, Map.of("script", "Hello.\nWait [pause 12s] here.", "voice", "piper:duo"), 2, 6,
                    "at most 10 s");
            refused(service, Map.of("script", "Intro.\n\n  CAROL: Hi there.", "voice", "piper:duo",
                    "speakers", Map.of("CAROL", Map.of("color", "#FFFFFF"))), 3, 10, "CAROL speaks here but has no voice");
            refused(service, Map.of("script", "We say [K8s](/keɪ☃ts/) here.", "voice", "piper:duo"), 1, 9,
                    "☃, which voice piper:duo has no sound for");
            refused(service, Map.of("script", "Our Nginx is up.", "voice", "piper:duo"), 1, 5,
                    "☃, which voice piper:duo has no sound for");
            refused(service, Map.of("script", "Say [Nginx](engine x here.", "voice", "piper:duo"), 1, 5, "not closed");

            assertEquals(200, service.post("/voiceover", Map.of("script", "Plain [pause 20s] *text* here.",
                    "voice", "piper:duo", "markup", false)).status(), "markup off: nothing to refuse");
            assertEquals(200, service.post("/voiceover", Map.of("script", "Our Nginx is up.", "voice", "piper:duo",
                    "lexicon", Map.of("Nginx", "engine x"))).status(), "the request's lexicon wins over the file's");

            Files.writeString(lexiconFile, "{\"Nginx\": \"/ˈɛndʒɪn ɛks/\"}");
            assertEquals(200, service.post("/voiceover", Map.of("script", "Our Nginx is up.", "voice", "piper:duo"))
                    .status(), "an edited LEXICON_FILE applies to the next request");

            JsonNode noVoice = service.post("/voiceover", Map.of("script", "Hi.", "voice", "piper:duo",
                    "speakers", Map.of("ALICE", Map.of("voice", "piper:nobody")))).json().get("error");
            assertEquals("UNKNOWN_VOICE", noVoice.get("code").asText());
            assertEquals("speakers.ALICE.voice", noVoice.get("details").get("field").asText());
            for (Object bad : List.of(Map.of("ALICE", "piper:duo"), Map.of("ALICE", Map.of("voice", "piper:duo",
                    "color", "gold")), Map.of("ALICE", Map.of("voice", "piper:duo", "speaker", 7)),
                    Map.of("ALICE:", Map.of("voice", "piper:duo")))) {
                Reply reply = service.post("/voiceover", Map.of("script", "ALICE: Hi.", "voice", "piper:duo",
                        "speakers", bad));
                assertEquals(400, reply.status(), reply.toString());
                assertTrue(reply.json().get("error").get("details").get("field").asText().startsWith("speakers"),
                        reply.toString());
            }
            Reply badLexicon = service.post("/voiceover", Map.of("script", "Hi.", "lexicon", Map.of("Nginx", "/x")));
            assertEquals(400, badLexicon.status(), badLexicon.toString());
            assertEquals("lexicon", badLexicon.json().get("error").get("details").get("field").asText());
        }
    }

    private static byte[] voice(TestService service, Map<String, Object> request) {
        Reply reply = service.post("/voiceover", request);
        assertEquals(200, reply.status(), reply.toString());
        return service.get(reply.json().get("voice_url").asText()).body();
    }

    private static void refused(TestService service, Map<String, Object> request, int line, int column, String says) {
        Reply reply = service.post("/voiceover", request);
        assertEquals(400, reply.status(), reply.toString());
        JsonNode error = reply.json().get("error");
        assertEquals("INVALID_REQUEST", error.get("code").asText());
        assertTrue(error.get("message").asText().startsWith("script line " + line + ", column " + column + ": "),
                error.toString());
        assertTrue(error.get("message").asText().contains(says), error.toString());
        assertEquals(line, error.get("details").get("line").asInt(), error.toString());
        assertEquals(column, error.get("details").get("column").asInt(), error.toString());
        assertEquals("script", error.get("details").get("field").asText());
    }
}
