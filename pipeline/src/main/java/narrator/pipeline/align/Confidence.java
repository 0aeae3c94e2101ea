package narrator.pipeline.align;

/**
 * How far an alignment can be trusted, from 0 to 1. The main sign that a recording says what the script
 * says: the warping path fits it clearly better than it fits the same reference played backwards (the
 * same voice and sounds in the wrong order: what unrelated speech, music or a tone looks like to DTW,
 * which always finds some path). A path that keeps hunting sideways while both tracks hold sound is a
 * second sign of a poor match. A recording with no sound above its own floor is not speech at all.
 */
final class Confidence {
    /**
     * Score = path cost over the reversed reference's + half the sideways steps past 0.25 per frame.
     * Measured on espeak-ng voices unlike the reference (bench align, AlignAccuracyTest): recordings of
     * the script 0.57-0.92, other texts, German, tones 0.98-1.01. Confidence is 1 at or below SURE, 0 at
     * or above NONE, 0.5 (the trust threshold) half-way.
     */
    private static final double SURE = 0.90;
    private static final double NONE = 1.00;
    private static final double USUAL_SIDEWAYS = 0.25;
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
        double ratio = warp.meanDistance() / dtw.align(reversed(ref), rec.values(), ref.dims()).meanDistance();
        double score = ratio + 0.5 * Math.max(0, sideways(warp, ref, loudness) - USUAL_SIDEWAYS);
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
