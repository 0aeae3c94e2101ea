package narrator.tts.espeak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EspeakClauseTest {
    private static final int DOT_AFTER_LAST_WORD = 0x400000;

    @Test
    void sixTerminatorsArePipersPunctuation() {
        assertEquals('.', clause(EspeakClause.PERIOD | DOT_AFTER_LAST_WORD).punctuation());
        assertEquals('?', clause(EspeakClause.QUESTION).punctuation());
        assertEquals('!', clause(EspeakClause.EXCLAMATION).punctuation());
        assertEquals(',', clause(EspeakClause.COMMA).punctuation());
        assertEquals(':', clause(EspeakClause.COLON).punctuation());
        assertEquals(';', clause(EspeakClause.SEMICOLON).punctuation());
    }

    @Test
    void flaggedOrLongerTerminatorsAddNoPunctuation() {
        assertEquals(0, clause(EspeakClause.SEMICOLON | EspeakClause.OPTIONAL_SPACE_AFTER).punctuation());
        assertEquals(0, clause(EspeakClause.QUESTION + 35).punctuation());
        assertEquals(0, clause(EspeakClause.PARAGRAPH).punctuation());
        assertEquals(0, clause(EspeakClause.EOF).punctuation());
        assertEquals(0, clause(EspeakClause.NONE).punctuation());
    }

    @Test
    void sentenceTypesEndTheSentence() {
        assertTrue(clause(EspeakClause.PARAGRAPH).endsSentence());
        assertTrue(clause(EspeakClause.EOF).endsSentence());
        assertTrue(clause(EspeakClause.QUESTION + 35).endsSentence());
        assertFalse(clause(EspeakClause.COMMA).endsSentence());
        assertFalse(clause(EspeakClause.NONE).endsSentence());
    }

    private static EspeakClause clause(int terminator) {
        return new EspeakClause("", terminator);
    }
}
