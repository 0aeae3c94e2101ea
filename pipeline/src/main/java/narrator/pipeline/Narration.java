package narrator.pipeline;

import java.nio.file.Path;
import java.util.List;

/**
 * The joined voice track: a 16-bit mono WAV at {@code sampleRate} holding exactly
 * {@code totalSamples} samples, and every sentence's place in it. All timing derives from these
 * sample counts, never from probing the file.
 */
public record Narration(Path wav, int sampleRate, long totalSamples, List<SpokenSentence> sentences) {
    public Narration {
        sentences = List.copyOf(sentences);
    }

    /**
     * The same sentences placed proportionally on another recording of {@code newTotalSamples} samples
     * at the same rate, e.g. a voiceover the caller supplied. An estimate: exact only if the other
     * recording keeps this one's pacing.
     */
    public Narration retimedTo(Path otherWav, long newTotalSamples) {
        List<SpokenSentence> moved = sentences.stream().map(s -> s.retimed(at -> scale(at, newTotalSamples))).toList();
        return new Narration(otherWav, sampleRate, newTotalSamples, moved);
    }

    private long scale(long sample, long newTotal) {
        return Math.round(sample * (double) newTotal / totalSamples);
    }

    public double durationSeconds() {
        return totalSamples / (double) sampleRate;
    }
}
