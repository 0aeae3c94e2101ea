package narrator.pipeline.subtitles;

import java.util.Arrays;
import java.util.function.UnaryOperator;
import narrator.pipeline.TextSpan;

/**
 * A cue's lines as one writer's text: its speaker label and emphasised stretches, or each timed word, dressed
 * by that writer (a tag before it, a colour).
 */
final class CueText {
    /** What one word becomes: its index in the cue's words, its escaped text, and whether it is emphasised. */
    interface WordDrawer {
        String draw(int index, String escapedText, boolean emphasised);
    }

    private CueText() {
    }

    /** The lines with the label drawn by {@code label} and each emphasised stretch by {@code emphasis}. */
    static String plain(Cue cue, String lineBreak, UnaryOperator<String> escape, UnaryOperator<String> label,
                        UnaryOperator<String> emphasis) {
        StringBuilder out = new StringBuilder();
        String text = String.join("\n", cue.lines());
        int pos = 0;
        if (cue.label() != null) {
            out.append(label.apply(escape.apply(cue.label())));
            pos = cue.label().length();
        }
        for (TextSpan span : cue.emphasis()) {
            out.append(lines(text.substring(pos, span.start()), lineBreak, escape));
            out.append(emphasis.apply(escape.apply(text.substring(span.start(), span.end()))));
            pos = span.end();
        }
        return out.append(lines(text.substring(pos), lineBreak, escape)).toString();
    }

    private static String lines(String text, String lineBreak, UnaryOperator<String> escape) {
        return String.join(lineBreak, Arrays.stream(text.split("\n", -1)).map(escape).toList());
    }

    // Walks the lines; the words spell them (Cue checks it), so every non-space position starts the next word.
    static String dress(Cue cue, String lineBreak, UnaryOperator<String> escape, UnaryOperator<String> label,
                        WordDrawer drawer) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        int lineStart = 0;
        for (int l = 0; l < cue.lines().size(); l++) {
            String line = cue.lines().get(l);
            if (l > 0) {
                out.append(lineBreak);
            }
            int pos = 0;
            if (l == 0 && cue.label() != null) {
                out.append(label.apply(escape.apply(cue.label())));
                pos = cue.label().length();
            }
            while (pos < line.length()) {
                if (line.charAt(pos) == ' ') {
                    out.append(' ');
                    pos++;
                    continue;
                }
                WordTiming word = cue.words().get(next);
                if (!line.startsWith(word.text(), pos)) {
                    throw new IllegalArgumentException("word '" + word.text() + "' is not at column " + pos + " of '" + line + "'");
                }
                out.append(drawer.draw(next++, escape.apply(word.text()), cue.emphasised(lineStart + pos)));
                pos += word.text().length();
            }
            lineStart += line.length() + 1;
        }
        return out.toString();
    }
}
