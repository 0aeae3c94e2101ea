package narrator.pipeline.subtitles;

import java.util.function.UnaryOperator;

/** A cue's lines as one writer's text, with each timed word dressed by that writer (a tag before it, a colour). */
final class CueText {
    /** What one word becomes: its index in the cue's words, and its escaped text. */
    interface WordDrawer {
        String draw(int index, String escapedText);
    }

    private CueText() {
    }

    // Walks the lines; the words spell them (Cue checks it), so every non-space position starts the next word.
    static String dress(Cue cue, String lineBreak, UnaryOperator<String> escape, WordDrawer drawer) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (int l = 0; l < cue.lines().size(); l++) {
            String line = cue.lines().get(l);
            if (l > 0) {
                out.append(lineBreak);
            }
            int pos = 0;
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
                out.append(drawer.draw(next++, escape.apply(word.text())));
                pos += word.text().length();
            }
        }
        return out.toString();
    }
}
