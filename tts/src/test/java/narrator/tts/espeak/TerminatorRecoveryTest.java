package narrator.tts.espeak;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Positions are where espeak-ng 1.51 leaves its text pointer: one character past the clause, the
 * character it read ahead (a letter after skipped spaces, a closing quote), or -1 at the end.
 */
class TerminatorRecoveryTest {
    @Test
    void punctuationBeforeSpacesAndTheNextWord() {
        String text = "Hello, world. How?";
        TerminatorRecovery recovery = new TerminatorRecovery(text, "en-us");
        assertEquals(EspeakClause.COMMA, recovery.next(after(text, "Hello, w")));
        assertEquals(EspeakClause.PERIOD, recovery.next(after(text, "Hello, world. H")));
        assertEquals(EspeakClause.QUESTION, recovery.next(-1));
    }

    @Test
    void theCharacterReadAheadMayTakeSeveralBytes() {
        String text = "Café.\t\u00c9t\u00e9! Fin";
        TerminatorRecovery recovery = new TerminatorRecovery(text, "fr");
        assertEquals(EspeakClause.PERIOD, recovery.next(after(text, "Café.\t\u00c9")));
        assertEquals(EspeakClause.EXCLAMATION, recovery.next(after(text, "Café.\t\u00c9t\u00e9! F")));
        assertEquals(EspeakClause.EOF, recovery.next(-1));
    }

    @Test
    void aClosingQuoteIsTheCharacterReadAhead() {
        String text = "\"Go!\" he said.";
        TerminatorRecovery recovery = new TerminatorRecovery(text, "en-us");
        assertEquals(EspeakClause.EXCLAMATION, recovery.next(after(text, "\"Go!\"")));
        assertEquals(EspeakClause.PERIOD, recovery.next(-1));
    }

    @Test
    void onlyTheFirstOfARunOfMarksCounts() {
        String text = "What?! No.";
        TerminatorRecovery recovery = new TerminatorRecovery(text, "en-us");
        assertEquals(EspeakClause.QUESTION, recovery.next(after(text, "What?! N")));
    }

    @Test
    void ellipsesAndDashesAreNotPipersPunctuation() {
        String text = "Wait... then \u2014 go";
        TerminatorRecovery recovery = new TerminatorRecovery(text, "en-us");
        EspeakClause ellipsis = new EspeakClause("", recovery.next(after(text, "Wait... t")));
        assertEquals(0, ellipsis.punctuation());
        assertEquals(false, ellipsis.endsSentence());
        assertEquals(EspeakClause.SEMICOLON, recovery.next(after(text, "Wait... then \u2014 g")));
    }

    @Test
    void aBlankLineEndsTheSentenceWithoutPunctuation() {
        String text = "Title\n\nBody. Next";
        TerminatorRecovery recovery = new TerminatorRecovery(text, "en-us");
        EspeakClause title = new EspeakClause("", recovery.next(after(text, "Title\n\nB")));
        assertEquals(0, title.punctuation());
        assertEquals(true, title.endsSentence());
        assertEquals(EspeakClause.PERIOD, recovery.next(after(text, "Title\n\nBody. N")));
    }

    @Test
    void aFullStopBeforeABlankLineIsAParagraph() {
        String text = "Done.\n\nNext";
        assertEquals(EspeakClause.PARAGRAPH, new TerminatorRecovery(text, "en-us").next(after(text, "Done.\n\nN")));
    }

    @Test
    void aClauseEspeakCutForLengthHasNoTerminator() {
        String text = "many words and more words";
        assertEquals(EspeakClause.NONE, new TerminatorRecovery(text, "en-us").next(after(text, "many words a")));
    }

    private static long after(String text, String prefix) {
        if (!text.startsWith(prefix)) {
            throw new IllegalArgumentException(prefix);
        }
        return prefix.getBytes(StandardCharsets.UTF_8).length;
    }
}
