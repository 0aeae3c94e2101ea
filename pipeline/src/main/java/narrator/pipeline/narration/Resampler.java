package narrator.pipeline.narration;

/**
 * Changes a voice's sample rate by linear interpolation: to the one the speech API sends, or to a
 * dialogue's track rate, always the highest of its voices'. Voices run at 22.05 or 24 kHz, so this only
 * ever upsamples slightly or copies, where linear interpolation adds no aliasing.
 */
public final class Resampler {
    private Resampler() {
    }

    public static float[] resample(float[] in, int fromRate, int toRate) {
        if (fromRate == toRate || in.length == 0) {
            return in;
        }
        int n = (int) Math.round(in.length * (double) toRate / fromRate);
        float[] out = new float[n];
        double step = fromRate / (double) toRate;
        for (int i = 0; i < n; i++) {
            double pos = i * step;
            int j = (int) pos;
            double frac = pos - j;
            float a = in[Math.min(j, in.length - 1)];
            float b = in[Math.min(j + 1, in.length - 1)];
            out[i] = (float) (a + (b - a) * frac);
        }
        return out;
    }
}
