package narrator.pipeline.script;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts one line into sentences at end marks, in a single pass.
 *
 * <p>Latin end marks (. ! ? … and runs such as "?!" or "...") end a sentence only when followed by
 * a space, the end of the line, or a CJK character; so decimals, versions, URLs, e-mail addresses and
 * file names, which have no space after their periods, never break. Even then the sentence goes on
 * when the next word starts with a lowercase letter (an ellipsis inside a sentence, {@code "Go!" he
 * said}) or when the period closes an abbreviation. CJK end marks (。！？．) end a sentence with no
 * space after them, except a fullwidth period before a digit (３．５). Closing quotes and brackets
 * right after the mark belong to the sentence they close. A sentence must hold a letter, so list
 * numbers ("1.") and stray marks stay with the text that follows them.
 *
 * <p>Each sentence keeps the space that preceded it in the line (none between Chinese sentences),
 * so that merging sentences again restores the text as written.
 */
final class SentenceBreaker {
    private SentenceBreaker() {
    }

    static List<String> sentences(String line) {
        List<String> sentences = new ArrayList<>();
        int start = 0;
        boolean sawLetter = false;
        int i = 0;
        while (i < line.length()) {
            if (!Marks.isEndMark(line.charAt(i))) {
                sawLetter |= Character.isLetter(line.codePointAt(i));
                i++;
                continue;
            }
            int marksStart = i;
            while (i < line.length() && Marks.isEndMark(line.charAt(i))) {
                i++;
            }
            int marksEnd = i;
            while (i < line.length() && Marks.isCloser(line.charAt(i))) {
                i++;
            }
            if (sawLetter && endsSentence(line, marksStart, marksEnd, i)) {
                sentences.add(line.substring(start, i));
                start = i;
                sawLetter = false;
            }
        }
        if (!line.substring(start).isBlank()) {
            sentences.add(line.substring(start));
        }
        return sentences;
    }

    /** Whether the end marks at {@code [marksStart, marksEnd)}, closers included up to {@code after}, end a sentence. */
    private static boolean endsSentence(String line, int marksStart, int marksEnd, int after) {
        if (after == line.length()) {
            return true;
        }
        int next = line.codePointAt(after);
        char lastMark = line.charAt(marksEnd - 1);
        if (Marks.isCjkEndMark(lastMark)) {
            return !(lastMark == '．' && Character.isDigit(next));
        }
        if (CjkText.isCjkLetter(next)) {
            return true;
        }
        if (!Character.isWhitespace(next)) {
            return false;
        }
        int wordStart = Marks.skipOpeners(line, after + 1);
        if (wordStart == line.length()) {
            return true;
        }
        int nextWord = line.codePointAt(wordStart);
        if (Character.isLowerCase(nextWord)) {
            return false;
        }
        boolean singlePeriod = marksEnd - marksStart == 1 && lastMark == '.' && marksEnd == after;
        return !(singlePeriod && Abbreviations.endsAbbreviation(wordBefore(line, marksStart), nextWord));
    }

    /** The word ending at {@code end}, without opening quotes or brackets: "Mr" in {@code ("Mr.}. */
    private static String wordBefore(String line, int end) {
        int start = line.lastIndexOf(' ', end - 1) + 1;
        return line.substring(Marks.skipOpeners(line, start), end);
    }
}
