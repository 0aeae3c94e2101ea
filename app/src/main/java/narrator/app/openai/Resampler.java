package narrator.app.openai;

/**
 * Changes a voice's sample rate to the one the speech API sends, by linear interpolation. Voices run at
 * 22.05 or 24 kHz, so this only ever upsamples slightly or copies, where linear interpolation adds no aliasing.
 */
final class Resampler {
    private Resampler() {
    }

    static float[] resample(float[] in, int fromRate, int toRate) {
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
