package narrator.tts.kokoro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PhonemeChunkerTest {
    @Test
    void packsWholeSentencesWhileTheyFit() {
        assertEquals(List.of("ab cd.", "efgh."), PhonemeChunker.chunk(List.of("ab cd.", "efgh."), 8));
        assertEquals(List.of("ab. cd."), PhonemeChunker.chunk(List.of("ab.", "cd."), 8));
    }

    @Test
    void cutsALongSentenceAfterPunctuationFirst() {
        assertEquals(List.of("aaaa bb,", "cc dd; ee"), PhonemeChunker.chunk(List.of("aaaa bb, cc dd; ee"), 10));
    }

    @Test
    void cutsALongClauseBetweenWords() {
        assertEquals(List.of("aa bb", "cc dd", "ee"), PhonemeChunker.chunk(List.of("aa bb cc dd ee"), 5));
    }

    @Test
    void cutsAWordLongerThanAChunkHard() {
        assertEquals(List.of("abcd", "efgh", "ij k"), PhonemeChunker.chunk(List.of("abcdefghij k"), 4));
    }

    @Test
    void noChunkExceedsTheLimitAndNoPhonemeIsLost() {
        String sentence = "ðə kwˈɪk bɹˈaʊn fˈɑːks, dʒˈʌmps ˌoʊvɚ ðə lˈeɪzi dˈɑːɡ; ".repeat(40).strip();
        List<String> chunks = PhonemeChunker.chunk(List.of(sentence, sentence), 509);

        assertTrue(chunks.size() >= 2 * sentence.length() / 509, chunks.size() + " chunks");
        chunks.forEach(chunk -> assertTrue(chunk.length() <= 509, chunk.length() + " characters"));
        assertEquals((sentence + " " + sentence).replace(" ", ""), String.join("", chunks).replace(" ", ""));
    }

    @Test
    void blankSentencesGiveNoChunks() {
        assertEquals(List.of(), PhonemeChunker.chunk(List.of("", "  "), 509));
    }
}
