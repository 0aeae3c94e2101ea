package narrator.tts.espeak;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Recovers each clause's terminator where libespeak-ng lacks
 * {@code espeak_TextToPhonemesWithTerminator} (before 1.53): espeak only reports where in the text
 * it stopped, so the end of the clause is read again here with espeak-ng's own rules (ReadClause,
 * without SSML, spoken punctuation and Hungarian's ordinal comma) and the terminator it returned at
 * that position is taken.
 *
 * <p>espeak's position is a byte offset into the UTF-8 text just past the one character it read
 * ahead and will read again (a space skipped after punctuation, a closing quote, the first letter of
 * the next sentence), so it is mapped to a character index before anything is compared.
 */
final class TerminatorRecovery {
    /** Languages whose "3." is an ordinal number (espeak-ng's NUM_ORDINAL_DOT). */
    private static final Set<String> ORDINAL_DOT = Set.of("da", "de", "et", "fi", "hu", "kl", "lt", "lv", "nb",
            "nl", "sl", "smj");
    /** Languages where a full stop ends a sentence even before a lower-case word. */
    private static final Set<String> LOWERCASE_SENTENCE = Set.of("ka");
    private static final int SOFT_HYPHEN = 0xAD;
    private static final int ZERO_WIDTH_NON_JOINER = 0x200C;

    private final int[] text;
    private final int[] byteOffsets;
    private final boolean ordinalDot;
    private final boolean lowercaseSentence;
    /** Where the next clause starts reading: the character espeak read ahead after the last one. */
    private int clauseStart;

    TerminatorRecovery(String text, String voice) {
        // espeak reads the terminating NUL as the text's last character.
        this.text = (text + '\0').codePoints().toArray();
        this.byteOffsets = new int[this.text.length + 1];
        for (int i = 0; i < this.text.length; i++) {
            byteOffsets[i + 1] = byteOffsets[i] + Character.toString(this.text[i]).getBytes(StandardCharsets.UTF_8).length;
        }
        String language = voice.split("[-_]", 2)[0];
        this.ordinalDot = ORDINAL_DOT.contains(language);
        this.lowercaseSentence = LOWERCASE_SENTENCE.contains(language);
    }

    /**
     * The terminator of the next clause, which espeak ended with its position at {@code endByte}
     * (-1: espeak read the whole text, its NUL included).
     */
    int next(long endByte) {
        int end = endByte < 0 ? text.length : charIndex(endByte);
        int terminator = new Reader(clauseStart, end).terminator();
        // espeak reads the character before its position again at the start of the next clause.
        clauseStart = Math.max(clauseStart, end - 1);
        return terminator;
    }

    private int charIndex(long byteOffset) {
        int low = 0;
        int high = text.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (byteOffsets[mid] < byteOffset) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /**
     * espeak-ng's clause reader replayed from the clause's start: {@code position} is the next
     * character to read, {@code unread} a character pushed back (0: none). A clause end counts only
     * where espeak stopped too; anywhere else espeak must have read on, so this does as well.
     */
    private final class Reader {
        private final int stop;
        private int position;
        private int unread;

        Reader(int start, int stop) {
            this.position = start;
            this.stop = stop;
        }

        private boolean atEnd() {
            return unread == 0 && position >= text.length;
        }

        private int read() {
            if (unread != 0) {
                int c = unread;
                unread = 0;
                return c;
            }
            return position < text.length ? text[position++] : 0;
        }

        private int peek() {
            return position < text.length ? text[position] : 0;
        }

        /** Whether espeak, having pushed back {@code c}, would report the position it stopped at. */
        private boolean stopsHere(int c) {
            unread = c;
            return position == stop;
        }

        int terminator() {
            int c1 = ' ';
            int previous = ' ';
            int beforePrevious;
            boolean anyAlphanumeric = false;
            int c2 = atEnd() ? 0 : read();
            while (!atEnd() && position <= stop) {
                beforePrevious = previous;
                previous = c1;
                c1 = c2;
                c2 = atEnd() ? ' ' : read();
                if (c1 == SOFT_HYPHEN || c1 == ZERO_WIDTH_NON_JOINER) {
                    continue;
                }
                if (Character.isLetterOrDigit(c1)) {
                    anyAlphanumeric = true;
                }
                if (c1 == '\n') {
                    int newlines = 0;
                    while (!atEnd() && ClausePunctuation.isSpace(c2)) {
                        if (c2 == '\n') {
                            newlines++;
                        }
                        c2 = read();
                    }
                    if (newlines > 0) {
                        // A blank line ends a paragraph; espeak ends the clause there.
                        if (stopsHere(c2)) {
                            return EspeakClause.PARAGRAPH - 30 + 30 * Math.min(newlines, 3);
                        }
                        unread = 0;
                    }
                }
                if (c1 == '.' && c2 == '.') {
                    // Three or more dots are read as one ellipsis; two stay full stops.
                    int next;
                    while ((next = read()) == '.') {
                        c1 = ClausePunctuation.ELLIPSIS;
                        c2 = ' ';
                    }
                    if (c1 == ClausePunctuation.ELLIPSIS) {
                        c2 = next;
                    } else {
                        unread = next;
                    }
                }
                int punctuation = ClausePunctuation.type(c1);
                if (punctuation == EspeakClause.NONE || (punctuation & EspeakClause.PUNCTUATION_IN_WORD) != 0) {
                    continue;
                }
                // Only the first of a run like "?!" or ".," counts; the rest is skipped.
                while (ClausePunctuation.continuesRun(c2)) {
                    c2 = read();
                }
                boolean clauseEnds = ClausePunctuation.isSpace(c2) || ClausePunctuation.isBracket(c2) || c2 == '?'
                        || (punctuation & EspeakClause.OPTIONAL_SPACE_AFTER) != 0 || atEnd();
                if (!clauseEnds) {
                    continue;
                }
                int newlines = 0;
                int next = c2;
                while (ClausePunctuation.isSpace(next) && !atEnd()) {
                    if (next == '\n') {
                        newlines++;
                    }
                    next = read();
                }
                if (newlines == 0) {
                    clauseEnds = endsWithoutNewline(c1, previous, beforePrevious, next, anyAlphanumeric);
                }
                if (clauseEnds && stopsHere(next)) {
                    if (newlines > 1) {
                        return punctuation == EspeakClause.QUESTION || punctuation == EspeakClause.EXCLAMATION
                                ? punctuation + 35 : EspeakClause.PARAGRAPH;
                    }
                    return punctuation;
                }
                unread = !atEnd() && ClausePunctuation.isSpace(c2) ? next : 0;
                if (c1 == '.' && !anyAlphanumeric) {
                    c1 = ' ';
                }
            }
            // Ran to the end of the text, or past where espeak cut a clause too long for its buffer.
            return stop >= text.length ? EspeakClause.EOF : EspeakClause.NONE;
        }

        /** espeak's checks when no newline follows: abbreviations, ordinals, leading punctuation. */
        private boolean endsWithoutNewline(int c1, int previous, int beforePrevious, int next, boolean anyAlphanumeric) {
            if (!anyAlphanumeric) {
                return false;
            }
            if (c1 != '.') {
                return true;
            }
            if (next == '\'' && peek() == 's') {
                return false; // an acronym's genitive: "U.S.A.'s"
            }
            if (ordinalDot && (Character.isDigit(previous)
                    || (isRoman(previous) && (isRoman(beforePrevious) || ClausePunctuation.isSpace(beforePrevious))))) {
                if (!Character.isDigit(previous) || Character.isLowerCase(next) || next == '-') {
                    return false;
                }
            }
            // A full stop before a lower-case word is taken for an abbreviation's.
            return !Character.isLowerCase(next) || lowercaseSentence;
        }

        private static boolean isRoman(int c) {
            return c == 'I' || c == 'V' || c == 'X' || c == 'L';
        }
    }
}
