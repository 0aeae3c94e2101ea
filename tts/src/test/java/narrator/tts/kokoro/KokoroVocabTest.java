package narrator.tts.kokoro;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KokoroVocabTest {
    @Test
    void holdsKokoroV1Table() {
        assertEquals(114, KokoroVocab.size());
    }

    @Test
    void mapsPhonemesToKokoroIds() {
        // "hello world." as espeak-ng en-us spells it.
        assertArrayEquals(new long[] {50, 83, 54, 156, 57, 135, 16, 65, 156, 87, 158, 54, 46, 4},
                KokoroVocab.ids("həlˈoʊ wˈɜːld."));
        assertArrayEquals(new long[] {17, 23, 177}, KokoroVocab.ids("\u0303\uAB67ᵻ"));
    }

    @Test
    void dropsCharactersKokoroHasNoTokenFor() {
        // Kokoro spells g as IPA ɡ (U+0261); ASCII g and the check mark have no token.
        assertArrayEquals(new long[] {50, 83, 92}, KokoroVocab.ids("hə✓gɡ"));
        assertEquals("həɡ", KokoroVocab.known("hə✓gɡ"));
    }

    @Test
    void espeakSpellingsBecomeKokoros() {
        assertEquals("ɾjk ɹl", KokoroPhonemes.fromEspeak("ɾʲx  rɬ"));
    }

    @Test
    void punctuationAndStressAloneAreNotSpeech() {
        assertFalse(KokoroPhonemes.speakable(".ˈ, …"));
        assertTrue(KokoroPhonemes.speakable("ˈa"));
    }
}
