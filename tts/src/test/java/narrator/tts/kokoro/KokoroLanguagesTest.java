package narrator.tts.kokoro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import narrator.tts.espeak.EspeakPhonemizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KokoroLanguagesTest {
    @ParameterizedTest
    @CsvSource({"af_heart, en-us", "bm_george, en-gb", "ef_dora, es", "ff_siwis, fr-fr", "hf_alpha, hi",
            "if_sara, it", "jf_alpha, ja", "pf_dora, pt-br", "zf_xiaobei, cmn", "custom_mix, en-us"})
    void voicePrefixPicksALanguageEspeakAccepts(String voice, String language) {
        assertEquals(language, KokoroLanguages.ofVoice(voice));
        assertFalse(EspeakPhonemizer.shared().phonemize("1", language).isBlank());
    }
}
