package narrator.pipeline;

import java.util.List;

/**
 * A sentence placed on the narration's sample timeline: it is heard from {@code startSample}
 * (inclusive) to {@code endSample} (exclusive), pauses excluded. {@code phonemes} are what the voice
 * spoke, words separated by spaces. {@code speaker} (null: the request's own voice) and the
 * {@code emphasis} spans of {@code text} are for the captions to draw.
 */
public record SpokenSentence(String text, long startSample, long endSample, String phonemes, Speaker speaker,
                             List<TextSpan> emphasis) {
    public SpokenSentence {
        emphasis = List.copyOf(emphasis);
    }

    /** A sentence of a plain script: no speaker, no emphasis. */
    public SpokenSentence(String text, long startSample, long endSample, String phonemes) {
        this(text, startSample, endSample, phonemes, null, List.of());
    }

    /** The same sentence heard from other samples. */
    public SpokenSentence movedTo(long newStart, long newEnd) {
        return new SpokenSentence(text, newStart, newEnd, phonemes, speaker, emphasis);
    }
}
