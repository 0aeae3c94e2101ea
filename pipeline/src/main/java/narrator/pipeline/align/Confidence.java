package narrator.pipeline.align;

/**
 * How far an alignment can be trusted, from 0 to 1. Two signs that a recording says what the script
 * says: the warping path fits it much better than it fits the same reference played backwards (same
 * voice and sounds, wrong order: what any unrelated speech looks like to DTW), and while both tracks
 * hold sound the path mostly moves diagonally instead of hunting sideways for a fit. Another text,
 * another language or music scores high on both. A recording with no sound above its own floor is not
 * speech at all.
 */
final class Confidence {
    /**
     * Score = cost ratio to the reversed reference + share of sideways steps during sound. Measured on
     * espeak-ng voices unlike the reference: matching recordings 0.85-1.09, mismatched 1.31-1.40; the
     * trust threshold (confidence 0.5) falls at 1.20.
     */
    private static final double SURE = 1.0;
    private static final double NONE = 1.4;
    /** A recording whose loud frames are within this many dB of its quiet ones holds no speech. */
    private static final double MIN_DYNAMIC_DB = 12;
    /** Reference frames quieter than this are its pauses, not sound. */
    private static final double REFERENCE_SILENCE_DB = -45;

    private Confidence() {
    }

    static double of(Warp warp, Features ref, Features rec, Loudness loudness, Dtw dtw) {
        if (loudness.speech() - loudness.floor() < MIN_DYNAMIC_DB) {
            return 0;
        }
        double score = warp.meanDistance() / dtw.align(reversed(ref), rec.values(), ref.dims()).meanDistance()
                + sideways(warp, ref, loudness);
        return Math.max(0, Math.min(1, (NONE - score) / (NONE - SURE)));
    }

    /** Non-diagonal steps per reference frame, counted where both tracks hold sound. */
    private static double sideways(Warp warp, Features ref, Loudness loudness) {
        int[] first = warp.firstColumn();
        int[] last = warp.lastColumn();
        long frames = 0;
        long steps = 0;
        for (int i = 0; i < first.length; i++) {
            if (!loudness.sound(first[i]) || ref.decibels()[i] < REFERENCE_SILENCE_DB) {
                continue;
            }
            frames++;
            steps += (last[i] - first[i]) + (i > 0 && first[i] == last[i - 1] ? 1 : 0);
        }
        return steps / (double) Math.max(1, frames);
    }

    private static float[] reversed(Features features) {
        float[] values = features.values();
        float[] out = new float[values.length];
        int dims = features.dims();
        int n = features.frames();
        for (int f = 0; f < n; f++) {
            System.arraycopy(values, (n - 1 - f) * dims, out, f * dims, dims);
        }
        return out;
    }
}
