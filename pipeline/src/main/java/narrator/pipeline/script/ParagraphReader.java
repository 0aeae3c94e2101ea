package narrator.pipeline.script;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts normalized text into paragraphs at blank lines, and decides which line breaks end a sentence.
 *
 * <p>A line break ends a sentence (a title or list item has no final punctuation, yet is said on its
 * own) unless the sentence visibly goes on: the next line starts with a lowercase letter, which is
 * hard-wrapped prose, or this line ends with a comma or semicolon. Hard-wrapped prose whose next line
 * happens to start with a capital ("I met\nJohn") is broken there; the length rules then merge the
 * short piece back into a neighbour.
 */
final class ParagraphReader {
    private ParagraphReader() {
    }

    /**
     * {@code normalized} as {@link TextNormalizer} returns it: paragraphs separated by exactly one empty
     * line. Each line but the first of a paragraph starts with the space, if any, that joins it to the
     * one before, so that sentences merged across lines read as written.
     */
    static List<Paragraph> paragraphs(String normalized) {
        List<Paragraph> paragraphs = new ArrayList<>();
        if (!normalized.isEmpty()) {
            for (String block : normalized.split("\n\n")) {
                paragraphs.add(new Paragraph(sentenceLines(block.split("\n"))));
            }
        }
        return paragraphs;
    }

    private static List<String> sentenceLines(String[] lines) {
        List<String> joined = new ArrayList<>();
        StringBuilder current = new StringBuilder(lines[0]);
        for (int i = 1; i < lines.length; i++) {
            String separator = CjkText.separator(current, lines[i]);
            if (!continues(current, lines[i])) {
                joined.add(current.toString());
                current.setLength(0);
            }
            current.append(separator).append(lines[i]);
        }
        joined.add(current.toString());
        return joined;
    }

    private static boolean continues(CharSequence line, String nextLine) {
        char last = line.charAt(line.length() - 1);
        if (last == ',' || last == ';' || last == '，' || last == '、' || last == '；') {
            return true;
        }
        int first = Marks.skipOpeners(nextLine, 0);
        return first < nextLine.length() && Character.isLowerCase(nextLine.codePointAt(first));
    }
}
