package narrator.pipeline.subtitles;

import java.util.ArrayList;
import java.util.List;
import narrator.pipeline.TextSpan;

/**
 * A script's {@code *emphasis*} in the captions: a spoken word is emphasised when any of its letters is, and
 * an emphasised unit is found again in the lines of its cue.
 */
final class Emphasis {
    private Emphasis() {
    }

    /**
     * For each spoken word of {@code text} as {@link Units} numbers them (a whitespace-separated token with a
     * letter or digit starts the next word), whether a letter or digit of it lies in one of {@code spans}.
     */
    static boolean[] words(String text, List<TextSpan> spans, int wordCount) {
        boolean[] emphasised = new boolean[wordCount];
        if (spans.isEmpty()) {
            return emphasised;
        }
        int word = -1;
        boolean inToken = false;
        boolean tokenHasLetter = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (Units.isSpace(cp)) {
                inToken = false;
            } else {
                if (!inToken) {
                    inToken = true;
                    tokenHasLetter = false;
                }
                if (Character.isLetterOrDigit(cp)) {
                    if (!tokenHasLetter) {
                        tokenHasLetter = true;
                        word++;
                    }
                    if (word < wordCount && inside(spans, i)) {
                        emphasised[word] = true;
                    }
                }
            }
            i += Character.charCount(cp);
        }
        return emphasised;
    }

    /**
     * Where the emphasised {@code units} lie in {@code lines} joined by {@code '\n'}: the units spell the
     * lines after the first {@code skip} characters of the first line (a speaker label and its space).
     */
    static List<TextSpan> inLines(List<String> lines, List<Unit> units, boolean[] words, int skip) {
        List<TextSpan> spans = new ArrayList<>();
        int next = 0;
        int lineStart = 0;
        for (int l = 0; l < lines.size(); l++) {
            String line = lines.get(l);
            int pos = l == 0 ? skip : 0;
            while (pos < line.length()) {
                if (line.charAt(pos) == ' ') {
                    pos++;
                    continue;
                }
                Unit unit = units.get(next++);
                if (words[unit.word()]) {
                    spans.add(new TextSpan(lineStart + pos, lineStart + pos + unit.text().length()));
                }
                pos += unit.text().length();
            }
            lineStart += line.length() + 1;
        }
        return spans;
    }

    private static boolean inside(List<TextSpan> spans, int index) {
        return spans.stream().anyMatch(s -> s.start() <= index && index < s.end());
    }
}
