package narrator.pipeline.script;

import java.util.List;
import narrator.pipeline.Pronunciation;
import narrator.pipeline.Speaker;
import narrator.pipeline.TextSpan;

/**
 * A stretch of a marked-up script said in one go by one speaker (null: the request's voice): its
 * written text with the markup taken out (line breaks as {@code \n}), spans into that text, and what ends it. {@code pauseAfter}
 * is the writer's pause in seconds (null when a speaker line or the script's end ends it);
 * {@code sourceOffsets[i]} is where text character {@code i} stands in the script, for error places.
 */
record Passage(Speaker speaker, String text, List<TextSpan> emphasis, List<Pronunciation> pronunciations,
               Double pauseAfter, int[] sourceOffsets) {
    Passage {
        emphasis = List.copyOf(emphasis);
        pronunciations = List.copyOf(pronunciations);
    }

    /** Whether the passage ends with a blank line, which keeps the paragraph pause before the next speaker. */
    boolean endsParagraph() {
        int newlines = 0;
        for (int i = text.length() - 1; i >= 0 && Character.isWhitespace(text.charAt(i)); i--) {
            newlines += text.charAt(i) == '\n' ? 1 : 0;
        }
        return newlines >= 2;
    }
}
