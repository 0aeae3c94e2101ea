package narrator.tts.piper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import narrator.tts.ModelCall;
import narrator.tts.espeak.EspeakPhonemizer;
import org.junit.jupiter.api.Test;

/**
 * Narrator's Piper front end against the real one: every item of the corpus must give exactly the
 * model calls piper-phonemize + piper make (golden files from tts/src/test/golden/generate-piper-golden.sh),
 * with Debian's espeak-ng and the phoneme id map real voices ship.
 */
class PiperGoldenTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyCorpusItemGivesPipersModelCalls() throws IOException {
        PiperConfig defaults = PiperConfig.parse(resource("piper-default-voice.onnx.json"), "piper-default-voice.onnx.json");
        List<String> mismatches = new ArrayList<>();
        int items = 0;
        for (String line : resource("piper-ids.jsonl").split("\n")) {
            JsonNode item = JSON.readTree(line);
            items++;
            List<ModelCall> calls = new PiperFrontEnd(withVoice(defaults, item.get("voice").asText()),
                    EspeakPhonemizer.shared()).calls(item.get("text").asText());
            List<List<Long>> expected = JSON.convertValue(item.get("sentences"),
                    JSON.getTypeFactory().constructCollectionType(List.class,
                            JSON.getTypeFactory().constructCollectionType(List.class, Long.class)));
            List<List<Long>> actual = calls.stream().map(ModelCall::ids).toList();
            if (!expected.equals(actual)) {
                mismatches.add(item.get("key").asText() + " (" + item.get("voice").asText() + ", "
                        + expected.size() + " vs " + actual.size() + " calls)\n  text:     " + JSON.writeValueAsString(item.get("text"))
                        + "\n  expected: " + item.get("phonemes").asText()
                        + "\n  actual:   " + String.join(" | ", calls.stream().map(ModelCall::phonemes).toList()));
            }
        }
        assertTrue(items >= 300, "corpus has " + items + " items");
        if (!mismatches.isEmpty()) {
            fail(mismatches.size() + " of " + items + " items differ from piper:\n" + String.join("\n", mismatches));
        }
    }

    @Test
    void phonemesOfTheCallsAreThoseOfPiper() throws IOException {
        PiperConfig defaults = PiperConfig.parse(resource("piper-default-voice.onnx.json"), "x.onnx.json");
        JsonNode item = JSON.readTree(resource("piper-ids.jsonl").lines().findFirst().orElseThrow());
        List<ModelCall> calls = new PiperFrontEnd(withVoice(defaults, item.get("voice").asText()),
                EspeakPhonemizer.shared()).calls(item.get("text").asText());
        assertEquals(item.get("phonemes").asText(), String.join("", calls.stream().map(ModelCall::phonemes).toList()));
        assertEquals(ModelCall.NO_STYLE_ROW, calls.get(0).styleRow());
    }

    private static PiperConfig withVoice(PiperConfig config, String voice) {
        return new PiperConfig(config.sampleRate(), voice, config.noiseScale(), config.lengthScale(), config.noiseW(),
                config.numSpeakers(), config.speakerIdMap(), config.phonemeIdMap());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PiperGoldenTest.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource golden/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
