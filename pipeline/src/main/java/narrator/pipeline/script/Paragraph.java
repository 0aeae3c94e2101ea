package narrator.pipeline.script;

import java.util.List;

/**
 * A block of the script between blank lines. Each line ends a sentence (hard-wrapped lines are
 * already joined) and, but for the first, starts with the space that separates it from the one before.
 */
record Paragraph(List<String> lines) {
    Paragraph {
        lines = List.copyOf(lines);
    }
}
