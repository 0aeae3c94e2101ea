package narrator.pipeline.subtitles;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts text into the {@link Unit}s that wrapping, chunking and word timing work on, and measures text in
 * columns: a wide (CJK) character takes two, a combining mark none.
 */
final class Units {
    private Units() {
    }

    /**
     * The units of {@code text}. Words are whitespace-separated, with punctuation-only tokens ("—", "«")
     * joined to a neighbour so that they neither start a line nor count as spoken words. Han and kana
     * characters become one unit each (those scripts break between any two characters), and so do the
     * characters of a word wider than {@code maxColumns}.
     */
    static List<Unit> of(String text, int maxColumns) {
        List<Unit> units = new ArrayList<>();
        List<String> words = words(text);
        for (int w = 0; w < words.size(); w++) {
            boolean spaceBefore = w > 0;
            for (String segment : cjkSegments(words.get(w))) {
                for (String piece : slices(segment, maxColumns)) {
                    units.add(new Unit(piece, spaceBefore, w));
                    spaceBefore = false;
                }
            }
        }
        return units;
    }

    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        String pending = "";
        for (String token : normalize(text).split(" ")) {
            if (token.isEmpty()) {
                continue;
            }
            if (hasLetterOrDigit(token)) {
                words.add(pending.isEmpty() ? token : pending + " " + token);
                pending = "";
            } else if (isOpening(token) || words.isEmpty()) {
                pending = pending.isEmpty() ? token : pending + " " + token;
            } else {
                words.set(words.size() - 1, words.get(words.size() - 1) + " " + token);
            }
        }
        if (!pending.isEmpty()) {
            if (words.isEmpty()) {
                words.add(pending);
            } else {
                words.set(words.size() - 1, words.get(words.size() - 1) + " " + pending);
            }
        }
        return words;
    }

    /** Line breaks, tabs, other controls and exotic spaces become single spaces; the ends are trimmed. */
    static String normalize(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (!isSpace(cp)) {
                out.appendCodePoint(cp);
            } else if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                out.append(' ');
            }
        });
        return out.toString().strip();
    }

    /** What separates words: whitespace, controls and exotic spaces. */
    static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isISOControl(cp) || Character.getType(cp) == Character.SPACE_SEPARATOR;
    }

    static int width(String text) {
        return text.codePoints().map(Units::columns).sum();
    }

    /** Width of the units laid out on one line. */
    static int width(List<Unit> units) {
        int total = 0;
        for (int i = 0; i < units.size(); i++) {
            total += width(units.get(i).text()) + (i > 0 && units.get(i).spaceBefore() ? 1 : 0);
        }
        return total;
    }

    static String join(List<Unit> units) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < units.size(); i++) {
            if (i > 0 && units.get(i).spaceBefore()) {
                line.append(' ');
            }
            line.append(units.get(i).text());
        }
        return line.toString();
    }

    static int letters(String text) {
        return (int) text.codePoints().filter(Character::isLetterOrDigit).count();
    }

    // A CJK character closes a segment; punctuation after it stays with it ("字，"), and punctuation
    // before it that carries no letters (an opening bracket) becomes its prefix ("「字").
    private static List<String> cjkSegments(String word) {
        List<String> segments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean currentIsCjk = false;
        for (int cp : word.codePoints().toArray()) {
            if (breaksAnywhere(cp)) {
                if (hasLetterOrDigit(current)) {
                    segments.add(current.toString());
                    current.setLength(0);
                }
                current.appendCodePoint(cp);
                currentIsCjk = true;
            } else if (currentIsCjk && (Character.isLetterOrDigit(cp) || isOpening(cp))) {
                segments.add(current.toString());
                current.setLength(0);
                current.appendCodePoint(cp);
                currentIsCjk = false;
            } else {
                current.appendCodePoint(cp);
            }
        }
        if (current.length() > 0) {
            segments.add(current.toString());
        }
        return segments;
    }

    // A word too long for a line may break anywhere, like CJK text, so the wrapper can still balance the
    // lines; a zero-width mark stays with the character before it.
    private static List<String> slices(String segment, int maxColumns) {
        if (width(segment) <= maxColumns) {
            return List.of(segment);
        }
        List<String> pieces = new ArrayList<>();
        for (int cp : segment.codePoints().toArray()) {
            if (columns(cp) == 0 && !pieces.isEmpty()) {
                pieces.set(pieces.size() - 1, pieces.get(pieces.size() - 1) + Character.toString(cp));
            } else {
                pieces.add(Character.toString(cp));
            }
        }
        return pieces;
    }

    /** Scripts written without spaces, where a line may break between any two characters. */
    private static boolean breaksAnywhere(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA
                || cp == 0x30FC || cp == 0x3005; // prolonged sound mark and iteration mark are "Common"
    }

    private static int columns(int cp) {
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) {
            return 0;
        }
        return isWide(cp) ? 2 : 1;
    }

    /** East Asian Wide and Fullwidth ranges, as terminals (wcwidth) count them. */
    private static boolean isWide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) || (cp >= 0x3041 && cp <= 0x33FF)
                || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF)
                || (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F)
                || (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    }

    private static boolean hasLetterOrDigit(CharSequence text) {
        return text.codePoints().anyMatch(Character::isLetterOrDigit);
    }

    private static boolean isOpening(String token) {
        return token.codePoints().allMatch(Units::isOpening);
    }

    private static boolean isOpening(int cp) {
        int type = Character.getType(cp);
        return type == Character.START_PUNCTUATION || type == Character.INITIAL_QUOTE_PUNCTUATION;
    }
}
