package narrator.pipeline.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import org.junit.jupiter.api.Test;

class SplitRulesTest {
    @Test
    void rejectsRulesThatCannotBeMet() {
        NarratorException noMinimum = assertThrows(NarratorException.class, () -> new SplitRules(0, 20, 8, 40));
        assertEquals(ErrorCode.INVALID_REQUEST, noMinimum.code());
        // A 21-word sentence could not be cut in two without a piece under 15 words.
        assertThrows(NarratorException.class, () -> new SplitRules(15, 20, 8, 40));
        assertThrows(NarratorException.class, () -> new SplitRules(5, 20, 30, 40));
    }

    @Test
    void mixedTextCountsEachScriptAgainstItsOwnLimit() {
        SplitRules rules = SplitRules.DEFAULT;
        assertTrue(rules.isShort(new Length(4, 0)));
        assertFalse(rules.isShort(new Length(5, 0)));
        assertTrue(rules.isShort(new Length(0, 7)));
        assertFalse(rules.isShort(new Length(1, 7)));
        assertFalse(rules.isLong(new Length(20, 0)));
        assertTrue(rules.isLong(new Length(21, 0)));
        assertFalse(rules.isLong(new Length(10, 20)));
        assertTrue(rules.isLong(new Length(10, 21)));
    }
}
