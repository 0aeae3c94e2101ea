package narrator.pipeline;

import java.util.List;

/**
 * A sentence placed on the narration's sample timeline: it is heard from {@code startSample}
 * (inclusive) to {@code endSample} (exclusive), pauses excluded. {@code phonemes} are what the voice
 * spoke, words separated by spaces. {@code wordStarts}, when known (one per word of the text that has
 * a letter or digit), are where each word is heard from; empty when word timing must be estimated.
 * {@code speaker} (null: the request's own voice) is for the captions to draw.
 */
public record SpokenSentence(String text, long startSample, long endSample, String phonemes, List<Long> wordStarts,
                             Speaker speaker) {
    public SpokenSentence {
        wordStarts = List.copyOf(wordStarts);
    }

    public SpokenSentence(String text, long startSample, long endSample, String phonemes) {
        this(text, startSample, endSample, phonemes, List.of());
    }

    /** A sentence of a script without speakers. */
    public SpokenSentence(String text, long startSample, long endSample, String phonemes, List<Long> wordStarts) {
        this(text, startSample, endSample, phonemes, wordStarts, null);
    }
}
