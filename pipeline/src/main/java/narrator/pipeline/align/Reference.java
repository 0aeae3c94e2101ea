package narrator.pipeline.align;

import java.util.List;
import narrator.pipeline.SpokenSentence;

/**
 * A script spoken by a local voice, in memory, with every sentence's span and every word's start known
 * exactly: the track a recording of the same script is aligned against.
 */
public record Reference(short[] pcm, int sampleRate, List<SpokenSentence> sentences) {
    public Reference {
        sentences = List.copyOf(sentences);
    }
}
