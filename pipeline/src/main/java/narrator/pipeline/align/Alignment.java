package narrator.pipeline.align;

import java.util.List;
import narrator.pipeline.SpokenSentence;

/**
 * The script's sentences and words placed on a recording, and how far to trust it: {@code confidence}
 * from 0 (the recording does not match the script) to 1.
 */
public record Alignment(List<SpokenSentence> sentences, double confidence) {
    /** From this confidence on, an alignment is used; below it the recording is taken not to match. */
    public static final double TRUSTED = 0.5;

    public Alignment {
        sentences = List.copyOf(sentences);
    }

    public boolean trusted() {
        return confidence >= TRUSTED;
    }
}
