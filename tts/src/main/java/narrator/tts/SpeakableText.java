package narrator.tts;

import narrator.core.ErrorCode;
import narrator.core.NarratorException;

/** The check every engine makes before synthesis: is there anything in the text to speak? */
public final class SpeakableText {
    private SpeakableText() {
    }

    /**
     * Passes when {@code text} holds at least one letter or digit; symbols, emoji and punctuation
     * alone cannot be spoken. Other unknown characters are left for the engine to drop.
     *
     * @throws NarratorException INVALID_TEXT naming what is wrong with the text
     */
    public static void require(String text) {
        if (text == null || text.isEmpty()) {
            throw new NarratorException(ErrorCode.INVALID_TEXT, "the text is empty");
        }
        if (text.isBlank()) {
            throw new NarratorException(ErrorCode.INVALID_TEXT, "the text is only whitespace");
        }
        if (text.codePoints().noneMatch(Character::isLetterOrDigit)) {
            throw new NarratorException(ErrorCode.INVALID_TEXT,
                    "the text has nothing to speak: it is only punctuation, symbols or emoji");
        }
    }
}
