package narrator.pipeline.script;

import java.text.Normalizer;

/**
 * Cleans a script without changing what it says: Unicode NFC; every line break style becomes
 * {@code \n}; tabs, other spaces and whitespace control characters become one space; remaining
 * control characters and byte-order marks are dropped; lines are trimmed and blank lines collapse
 * into one, so that the result is lines separated by {@code \n} and paragraphs by one empty line.
 */
final class TextNormalizer {
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private TextNormalizer() {
    }

    static String normalize(String script) {
        String text = Normalizer.normalize(script, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(text.length());
        boolean pendingSpace = false;
        int newlines = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int breaks = lineBreaks(text, i);
            if (breaks > 0) {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                newlines += breaks;
                pendingSpace = false; // trailing spaces of a line are dropped
            } else if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                pendingSpace = true;
            } else if (!dropped(c)) {
                if (out.length() > 0) {
                    if (newlines > 0) {
                        out.append(newlines > 1 ? "\n\n" : "\n");
                    } else if (pendingSpace) {
                        out.append(' ');
                    }
                }
                out.append(c);
                newlines = 0;
                pendingSpace = false;
            }
        }
        return out.toString();
    }

    /** Whether {@code c}, neither a line break nor a space, is left out of the text: a control character or a BOM. */
    static boolean dropped(char c) {
        return (Character.getType(c) == Character.CONTROL || c == BYTE_ORDER_MARK) && !Character.isWhitespace(c)
                && !Character.isSpaceChar(c);
    }

    /** 0 if {@code text[i]} does not break the line, 2 for a paragraph separator, else 1. */
    static int lineBreaks(String text, int i) {
        return switch (text.charAt(i)) {
            case '\n', '\r', '\u0085', '\u2028' -> 1;
            case '\u2029' -> 2;
            default -> 0;
        };
    }
}
