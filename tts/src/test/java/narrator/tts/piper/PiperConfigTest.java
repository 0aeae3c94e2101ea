package narrator.tts.piper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import org.junit.jupiter.api.Test;

class PiperConfigTest {
    private static final String UPSTREAM = """
            {
              "audio": {"sample_rate": 22050, "quality": "medium"},
              "espeak": {"voice": "en-us"},
              "inference": {"noise_scale": 0.667, "length_scale": 1.1, "noise_w": 0.8},
              "phoneme_type": "espeak",
              "num_symbols": 256,
              "num_speakers": 3,
              "speaker_id_map": {"zoe": 2, "amy": 0, "bob": 1},
              "phoneme_id_map": {"_": [0], "^": [1], "$": [2], " ": [3], "a": [14]}
            }
            """;

    @Test
    void readsTheUpstreamKeys() {
        PiperConfig config = PiperConfig.parse(UPSTREAM, "en_US-x-medium.onnx.json");
        assertEquals(22050, config.sampleRate());
        assertEquals("en-us", config.espeakVoice());
        assertEquals(0.667f, config.noiseScale());
        assertEquals(1.1f, config.lengthScale());
        assertEquals(0.8f, config.noiseW());
        assertEquals(3, config.numSpeakers());
        assertEquals(List.of("amy", "bob", "zoe"), config.speakerNames());
        assertEquals(List.of(14L), config.phonemeIdMap().get("a"));
    }

    @Test
    void inferenceDefaultsAsInPiper() {
        PiperConfig config = PiperConfig.parse(UPSTREAM.replaceAll("\"inference\": \\{[^}]*},", ""), "x.onnx.json");
        assertEquals(0.667f, config.noiseScale());
        assertEquals(1.0f, config.lengthScale());
        assertEquals(0.8f, config.noiseW());
    }

    @Test
    void missingKeysAreNamed() {
        assertInvalid(UPSTREAM.replace("\"audio\": {\"sample_rate\": 22050, \"quality\": \"medium\"},", ""),
                "lacks the key 'audio.sample_rate'");
        assertInvalid(UPSTREAM.replace("\"espeak\": {\"voice\": \"en-us\"},", ""), "lacks the key 'espeak.voice'");
        assertInvalid(UPSTREAM.replace("\"num_speakers\": 3,", ""), "lacks the key 'num_speakers'");
        assertInvalid(UPSTREAM.replace("\"$\": [2], ", ""), "lacks the symbol '$'");
    }

    @Test
    void malformedJsonIsNamed() {
        assertInvalid("{\"audio\": ", "x.onnx.json is not valid JSON");
        assertInvalid("[]", "is not a JSON object");
        assertInvalid(UPSTREAM.replace("22050", "\"fast\""), "'audio.sample_rate' is not a positive whole number");
    }

    @Test
    void otherPhonemeTypesAreRefused() {
        assertInvalid(UPSTREAM.replace("\"phoneme_type\": \"espeak\"", "\"phoneme_type\": \"text\""),
                "phoneme_type 'text'");
    }

    private static void assertInvalid(String json, String expected) {
        NarratorException e = assertThrows(NarratorException.class, () -> PiperConfig.parse(json, "x.onnx.json"));
        assertEquals(ErrorCode.VOICE_UNAVAILABLE, e.code());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().startsWith("voice config x.onnx.json"), e.getMessage());
    }
}
