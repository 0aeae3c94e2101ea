package narrator.tts;

/**
 * One piece of synthesized speech: mono PCM samples in [-1, 1] at {@code sampleRate}, and the
 * phonemes the voice actually spoke, words separated by single spaces (used to estimate word
 * timings for karaoke subtitles).
 */
public record Speech(float[] samples, int sampleRate, String phonemes) {
    public Speech {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sampleRate must be positive");
        }
        phonemes = phonemes == null ? "" : phonemes;
    }

    public double durationSeconds() {
        return samples.length / (double) sampleRate;
    }
}
