package narrator.tts.piper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PhonemeChunkerTest {
    @Test
    void shortTextIsOneChunk() {
        assertEquals(List.of("ab cd."), new PhonemeChunker(10).split(" ab cd. "));
    }

    @Test
    void prefersClausePunctuationInTheWindowsSecondHalf() {
        assertEquals(List.of("aaa bb,", "cc dd ee"), new PhonemeChunker(12).split("aaa bb, cc dd ee"));
    }

    @Test
    void fallsBackToWordBoundaries() {
        assertEquals(List.of("aaa bbb", "ccc ddd"), new PhonemeChunker(9).split("aaa bbb ccc ddd"));
    }

    @Test
    void cutsHardWhenAWordIsLongerThanTheLimit() {
        assertEquals(List.of("abcd", "efgh", "ij"), new PhonemeChunker(4).split("abcdefghij"));
    }
}
