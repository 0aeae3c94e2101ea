package narrator.tts.espeak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import org.junit.jupiter.api.Test;

class EspeakPhonemizerTest {
    private final EspeakPhonemizer phonemizer = EspeakPhonemizer.shared();

    @Test
    void keepsPunctuationTheWayPiperDoes() {
        assertEquals("həlˈoʊ, wˈɜːld. hˈaʊ ɑːɹ juː?",
                phonemizer.phonemize("Hello, world. How are you?", "en-us"));
    }

    @Test
    void splitsSentencesAtTerminators() {
        assertEquals(List.of("həlˈoʊ, wˈɜːld.", "hˈaʊ ɑːɹ juː?", "ɡˈoʊ!"),
                phonemizer.phonemizeSentences("Hello, world. How are you? Go!", "en-us"));
    }

    @Test
    void colonAndSemicolonAreFollowedByASpace() {
        assertEquals("wˈʌn: tˈuː; θɹˈiː", phonemizer.phonemize("One: two; three", "en-us"));
    }

    @Test
    void otherLanguagesWork() {
        assertEquals("bɔ̃ʒˈuʁ.", phonemizer.phonemize("Bonjour.", "fr"));
        // en-gb names no voice file in espeak-ng 1.51; it is selected by language.
        assertEquals("wˈɒn", phonemizer.phonemize("one", "en-gb"));
    }

    @Test
    void clausesCarryTheirTerminatorsAcrossMultiByteCharacters() {
        assertEquals(List.of(EspeakClause.PERIOD, EspeakClause.EXCLAMATION, EspeakClause.EOF),
                phonemizer.clauses("Café.\t\u00c9t\u00e9! Fin", "fr").stream().map(EspeakClause::terminator).toList());
    }

    @Test
    void isOneSharedInstance() {
        assertSame(EspeakPhonemizer.shared(), EspeakPhonemizer.shared());
    }

    @Test
    void unknownLanguageIsAnUnknownVoice() {
        NarratorException e = assertThrows(NarratorException.class,
                () -> phonemizer.phonemize("Hello", "xx-nope"));
        assertEquals(ErrorCode.UNKNOWN_VOICE, e.code());
        assertTrue(e.getMessage().contains("xx-nope"), e.getMessage());
    }

    @Test
    void concurrentCallsAreSerializedAndAgree() throws Exception {
        String expected = phonemizer.phonemize("The quick brown fox.", "en-us");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> calls = java.util.Collections.nCopies(32,
                    () -> phonemizer.phonemize("The quick brown fox.", "en-us"));
            for (Future<String> result : pool.invokeAll(calls)) {
                assertEquals(expected, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
