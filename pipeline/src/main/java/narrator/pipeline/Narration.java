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

    public double durationSeconds() {
        return totalSamples / (double) sampleRate;
    }
}
