package narrator.pipeline.script;

import java.lang.Character.UnicodeScript;

/** Character classes for Chinese, Japanese and Korean text, which the Latin word rules do not fit. */
final class CjkText {
    private static final int KATAKANA_PROLONGED_SOUND = 0x30FC;

    private CjkText() {
    }

    /** An ideograph, kana or hangul syllable: one word-equivalent each for the length rules. */
    static boolean isCjkLetter(int codePoint) {
        if (codePoint == KATAKANA_PROLONGED_SOUND) {
            return true; // script COMMON, but it is a kana in every way that matters here
        }
        UnicodeScript script = UnicodeScript.of(codePoint);
        return Character.isLetter(codePoint) && (script == UnicodeScript.HAN || script == UnicodeScript.HIRAGANA
                || script == UnicodeScript.KATAKANA || script == UnicodeScript.HANGUL);
    }

    /** Ideographic and fullwidth punctuation (。，「」（）...), which separates words like a space does. */
    static boolean isCjkPunctuation(int codePoint) {
        boolean cjkSymbolsAndPunctuation = codePoint >= 0x3000 && codePoint <= 0x303F;
        boolean halfwidthAndFullwidthForms = codePoint >= 0xFF00 && codePoint <= 0xFFEF;
        return cjkSymbolsAndPunctuation || halfwidthAndFullwidthForms && !Character.isLetterOrDigit(codePoint);
    }

    /**
     * What goes between two lines that are read as one text: nothing between Chinese or Japanese on
     * both sides, which are written without spaces, else (Korean included) one space.
     */
    static String separator(CharSequence left, CharSequence right) {
        return isWrittenWithoutSpaces(Character.codePointBefore(left, left.length()))
                && isWrittenWithoutSpaces(Character.codePointAt(right, 0)) ? "" : " ";
    }

    /** Chinese and Japanese characters and punctuation, which are written without spaces between words. */
    static boolean isWrittenWithoutSpaces(int codePoint) {
        return isCjkPunctuation(codePoint) || isCjkLetter(codePoint) && UnicodeScript.of(codePoint) != UnicodeScript.HANGUL;
    }
}
