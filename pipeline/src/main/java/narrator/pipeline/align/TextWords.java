package narrator.pipeline.align;

import java.util.ArrayList;
import java.util.List;

/**
 * The words of a sentence as subtitles count them (whitespace-separated tokens holding a letter or
 * digit), as char ranges of the text, so engine word events can be matched to them.
 */
final class TextWords {
    private TextWords() {
    }

    /** {from, to} char ranges, in order. */
    static List<int[]> ranges(String text) {
        List<int[]> words = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && isSpace(text.codePointAt(i))) {
                i += Character.charCount(text.codePointAt(i));
            }
            int from = i;
            boolean spoken = false;
            while (i < text.length() && !isSpace(text.codePointAt(i))) {
                spoken |= Character.isLetterOrDigit(text.codePointAt(i));
                i += Character.charCount(text.codePointAt(i));
            }
            if (spoken) {
                words.add(new int[] {from, i});
            }
        }
        return words;
    }

    /** As the subtitle code splits words: whitespace, controls and exotic spaces. */
    private static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isISOControl(cp) || Character.getType(cp) == Character.SPACE_SEPARATOR;
    }
}
