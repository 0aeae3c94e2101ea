package narrator.pipeline.align;

import java.util.Arrays;

/**
 * Which frames of a recording hold sound: those louder than a threshold set between the recording's
 * own floor (its quietest 5 %) and its speech (its loudest 5 %), so noise and music under the voice
 * raise the threshold with them.
 */
record Loudness(float[] decibels, double threshold, double floor, double speech) {
    static Loudness of(float[] decibels) {
        float[] sorted = decibels.clone();
        Arrays.sort(sorted);
        double floor = sorted[(int) (0.05 * (sorted.length - 1))];
        double speech = sorted[(int) (0.95 * (sorted.length - 1))];
        return new Loudness(decibels, floor + 0.3 * (speech - floor), floor, speech);
    }

    boolean sound(int frame) {
        return frame < decibels.length && decibels[frame] >= threshold;
    }

    /** {@code frame}, or the first sounding frame after it before {@code limit}; {@code frame} if none. */
    int nextOnset(int frame, int limit) {
        for (int f = frame; f < Math.min(limit, decibels.length); f++) {
            if (sound(f)) {
                return f;
            }
        }
        return frame;
    }

    /** {@code end} pulled back over trailing silence, not before {@code start + 1}. */
    int lastSound(int end, int start) {
        int e = Math.min(end, decibels.length);
        while (e > start + 1 && !sound(e - 1)) {
            e--;
        }
        return e;
    }
}
