package narrator.pipeline.scenes;

/**
 * Where in the script a scene starts. Numbers count from 1 in the script's spoken sentences and
 * paragraphs as the job splits them (its subtitles show the sentences). A scene lasts until the next
 * one starts; the first always starts the video.
 */
public sealed interface Anchor {
    /** Scene n on paragraph n, spread evenly over the paragraphs when there are fewer scenes; or the script's {@code [scene n]} markers. */
    record Auto() implements Anchor {
    }

    /** From paragraph {@code number} on. */
    record Paragraph(int number) implements Anchor {
    }

    /** Sentences {@code first} to {@code last}, inclusive. */
    record Sentences(int first, int last) implements Anchor {
    }

    Anchor AUTO = new Auto();
}
