package narrator.tts.kokoro;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** With one token per character, so budgets read as lengths. */
class KokoroTextSplitterTest {
    private static List<String> split(String text, int budget) {
        return new KokoroTextSplitter(String::length, budget).split(text);
    }

    @Test
    void aTextThatFitsIsKeptWholeAndUntouched() {
        assertEquals(List.of("  Hello there.  "), split("  Hello there.  ", 20));
        assertEquals(List.of(), split(" \n ", 20));
    }

    @Test
    void sentencesArePackedWhileTheyFit() {
        assertEquals(List.of("One two. Three four.", "Five six!"), split("One two. Three four. Five six!", 20));
    }

    @Test
    void aLongSentenceIsCutBetweenClauses() {
        assertEquals(List.of("Alpha beta,", "gamma delta;", "epsilon."), split("Alpha beta, gamma delta; epsilon.", 12));
        assertEquals(List.of("He waited —", "and waited."), split("He waited — and waited.", 14));
    }

    @Test
    void aLongClauseIsCutBetweenWords() {
        assertEquals(List.of("aaa bbb", "ccc ddd"), split("aaa bbb ccc ddd", 7));
    }

    @Test
    void aWordLongerThanTheBudgetIsNeverCut() {
        assertEquals(List.of("abcdefghij", "k"), split("abcdefghij k", 4));
    }

    @Test
    void titlesAndInitialsDoNotEndSentences() {
        assertEquals(List.of("Dr. Smith sang.", "Mr. Jones", "hummed."), split("Dr. Smith sang. Mr. Jones hummed.", 16));
        assertEquals(List.of("The U.S. Army", "came."), split("The U.S. Army came.", 14));
    }

    @Test
    void lineBreaksEndSentences() {
        assertEquals(List.of("First line", "Second line"), split("First line\nSecond line", 12));
    }
}
