package narrator.pipeline.script;

import java.util.Arrays;

/**
 * Finds the sentences the splitter cut from a text back in that text. The splitter only trims and
 * joins whitespace, so a sentence's other characters are the text's, in order, from where the
 * previous sentence ended (a paragraph with nothing to say may have been skipped).
 */
final class SentenceLocator {
    private final String stripped;
    private final int[] origin;
    private int cursor;

    SentenceLocator(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        int[] at = new int[text.length()];
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                at[kept.length()] = i;
                kept.append(text.charAt(i));
            }
        }
        this.stripped = kept.toString();
        this.origin = Arrays.copyOf(at, kept.length());
    }

    /** For each character of {@code sentence}, its index in the text; -1 for whitespace. */
    int[] next(String sentence) {
        StringBuilder kept = new StringBuilder(sentence.length());
        for (int i = 0; i < sentence.length(); i++) {
            if (!Character.isWhitespace(sentence.charAt(i))) {
                kept.append(sentence.charAt(i));
            }
        }
        int found = stripped.indexOf(kept.toString(), cursor);
        if (found < 0) {
            throw new IllegalStateException("the splitter changed a sentence's characters: " + sentence);
        }
        int[] at = new int[sentence.length()];
        int k = found;
        for (int i = 0; i < sentence.length(); i++) {
            at[i] = Character.isWhitespace(sentence.charAt(i)) ? -1 : origin[k++];
        }
        cursor = k;
        return at;
    }
}
