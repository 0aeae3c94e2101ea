package narrator.tts.espeak;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class EspeakPhonemeTraceTest {
    private final EspeakPhonemizer phonemizer = EspeakPhonemizer.shared();

    @Test
    void oneLinePerClauseAsEspeakNgIpaPrintsThem() {
        assertEquals(List.of("həlˈoʊ wˈɜːld", "hˈaʊ ɑːɹ juː"),
                phonemizer.phonemeTraceLines("Hello world. How are you", "en-us"));
    }

    @Test
    void aLoneWordIsStressedAsInTheTraceNotAsInTextToPhonemes() {
        assertEquals(List.of("wˈɒt"), phonemizer.phonemeTraceLines("What", "en"));
    }
}
