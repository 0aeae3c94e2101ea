package narrator.pipeline;

/**
 * A sentence placed on the narration's sample timeline: it is heard from {@code startSample}
 * (inclusive) to {@code endSample} (exclusive), pauses excluded. {@code phonemes} are what the voice
 * spoke, words separated by spaces.
 */
public record SpokenSentence(String text, long startSample, long endSample, String phonemes) {
}
