package narrator.bench.align;

import java.util.List;

/**
 * A recording made for measuring alignment, with the truth: where each sentence and each of its text
 * words starts, in samples of {@code pcm} (-1 for a word the voice ran into the one before, whose start
 * is not known).
 */
record TruthRecording(String name, short[] pcm, int sampleRate, List<Long> sentenceStarts, List<List<Long>> wordStarts) {
    double seconds() {
        return pcm.length / (double) sampleRate;
    }
}
