package narrator.pipeline.align;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MfccTest {
    @Test
    void oneFrameEvery10MsWithItsLoudnessAndNormalisedCoefficients() {
        // 0.5 s of silence, then 0.5 s of a 1 kHz sine at half scale (mean square 1/8: -9.03 dB).
        short[] pcm = new short[22050];
        for (int i = 11025; i < pcm.length; i++) {
            pcm[i] = (short) Math.round(16384 * Math.sin(2 * Math.PI * 1000 * i / 22050.0));
        }

        Features features = new Mfcc(22050).of(pcm);

        assertEquals(220, features.hopSamples());
        assertEquals(101, features.frames());
        assertEquals(Mfcc.DIMS, features.dims());
        assertEquals(-100, features.decibels()[10], 0.01);
        assertEquals(-9.03, features.decibels()[80], 0.05);
        for (int c = 0; c < Mfcc.DIMS; c++) {
            double sum = 0;
            double squares = 0;
            for (int f = 0; f < features.frames(); f++) {
                float v = features.values()[f * Mfcc.DIMS + c];
                sum += v;
                squares += v * v;
            }
            assertEquals(0, sum / features.frames(), 1e-4, "mean of c" + c);
            assertEquals(1, squares / features.frames(), 1e-3, "variance of c" + c);
        }
        // Silence and tone differ in loudness (c0) most of all.
        assertEquals(-1, Math.signum(features.values()[10 * Mfcc.DIMS]));
        assertEquals(1, Math.signum(features.values()[80 * Mfcc.DIMS]));
    }

    @Test
    void theFftFindsACosineInItsBin() {
        double[] re = new double[16];
        double[] im = new double[16];
        for (int i = 0; i < 16; i++) {
            re[i] = Math.cos(2 * Math.PI * 3 * i / 16);
        }

        new Fft(16).transform(re, im);

        for (int k = 0; k < 16; k++) {
            assertEquals(k == 3 || k == 13 ? 8 : 0, Math.hypot(re[k], im[k]), 1e-9, "bin " + k);
        }
    }
}
