package narrator.tts;

import java.util.List;

/**
 * One piece of synthesized speech: mono PCM samples in [-1, 1] at {@code sampleRate}, and the
 * phonemes the voice actually spoke, words separated by single spaces (used to estimate word
 * timings for karaoke subtitles). {@code wordStarts} are the samples where each spoken word starts,
 * one per word of {@code phonemes} that holds a phoneme letter, when the voice model reports its
 * durations; empty otherwise.
 */
public record Speech(float[] samples, int sampleRate, String phonemes, List<Long> wordStarts) {
    public Speech {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sampleRate must be positive");
        }
        phonemes = phonemes == null ? "" : phonemes;
        wordStarts = List.copyOf(wordStarts);
    }

    /** Speech whose words must be timed by estimate. */
    public Speech(float[] samples, int sampleRate, String phonemes) {
        this(samples, sampleRate, phonemes, List.of());
    }

    public double durationSeconds() {
        return samples.length / (double) sampleRate;
    }
}
