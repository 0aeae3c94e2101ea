package narrator.pipeline;

import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * A sentence placed on the narration's sample timeline: it is heard from {@code startSample}
 * (inclusive) to {@code endSample} (exclusive), pauses excluded. {@code phonemes} are what the voice
 * spoke, words separated by spaces. {@code wordStarts}, when known (one per word of the text that has
 * a letter or digit), are where each word is heard from; empty when word timing must be estimated.
 * {@code speaker} (null: the request's own voice) and the {@code emphasis} spans of {@code text} are for
 * the captions to draw.
 */
public record SpokenSentence(String text, long startSample, long endSample, String phonemes, List<Long> wordStarts,
                             Speaker speaker, List<TextSpan> emphasis) {
    public SpokenSentence {
        wordStarts = List.copyOf(wordStarts);
        emphasis = List.copyOf(emphasis);
    }

    /** A sentence of a plain script: no known word starts, no speaker, no emphasis. */
    public SpokenSentence(String text, long startSample, long endSample, String phonemes) {
        this(text, startSample, endSample, phonemes, List.of(), null, List.of());
    }

    /** The same sentence, its start, end and word starts moved by {@code to}. */
    public SpokenSentence retimed(LongUnaryOperator to) {
        return placed(to.applyAsLong(startSample), to.applyAsLong(endSample),
                wordStarts.stream().map(to::applyAsLong).toList());
    }

    /** The same sentence heard from other samples, with the word starts found there. */
    public SpokenSentence placed(long newStart, long newEnd, List<Long> newWordStarts) {
        return new SpokenSentence(text, newStart, newEnd, phonemes, newWordStarts, speaker, emphasis);
    }
}
