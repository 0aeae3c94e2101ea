package narrator.pipeline.align;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Mel-frequency cepstral coefficients, the features speech recognisers and aeneas compare: 10 ms hop,
 * computed on the audio low-passed and decimated to about 11 kHz (a 256-sample Hamming window, 23 ms;
 * 26 mel bands from 100 Hz to 5.4 kHz), the first 9 cepstral coefficients kept. Each frame's loudness
 * is measured on the full-band audio, so a word's hiss still counts as its onset. Pure; memory is the
 * features and a half-rate copy of the audio.
 */
final class Mfcc {
    /**
     * c0 (loudness) to c8: the spectral envelope, which carries what is said. Higher coefficients carry
     * more of who says it; dropping them made matched and mismatched recordings easier to tell apart.
     */
    static final int DIMS = 9;
    private static final int WINDOW = 256;
    /** Half-width of the decimating low-pass filter, in input samples. */
    private static final int TAPS = 11;
    private static final int BANDS = 26;
    private static final double LOW_HZ = 100;
    private static final double HIGH_HZ = 5400;

    private final int factor;
    private final int hop;
    private final double[] lowPass = new double[2 * TAPS + 1];
    private final double[] hamming = new double[WINDOW];
    private final double[][] melWeights;
    private final int[] melFirstBin;
    private final double[][] dct = new double[DIMS][BANDS];
    private final Fft fft = new Fft(WINDOW);

    Mfcc(int sampleRate) {
        this.factor = Math.max(1, (int) Math.round(sampleRate / 11025.0));
        this.hop = sampleRate / 100;
        int rate = sampleRate / factor;
        for (int k = -TAPS; k <= TAPS; k++) {
            double x = Math.PI * k / factor;
            double sinc = k == 0 ? 1 : Math.sin(x) / x;
            lowPass[k + TAPS] = sinc / factor * (0.54 + 0.46 * Math.cos(Math.PI * k / (TAPS + 1)));
        }
        for (int i = 0; i < WINDOW; i++) {
            hamming[i] = 0.54 - 0.46 * Math.cos(2 * Math.PI * i / (WINDOW - 1));
        }
        melWeights = new double[BANDS][];
        melFirstBin = new int[BANDS];
        double lowMel = mel(LOW_HZ);
        double highMel = mel(Math.min(HIGH_HZ, rate / 2.0 - 1));
        double[] edges = new double[BANDS + 2];
        for (int b = 0; b < edges.length; b++) {
            edges[b] = hz(lowMel + (highMel - lowMel) * b / (BANDS + 1)) * WINDOW / rate;
        }
        for (int b = 0; b < BANDS; b++) {
            int first = (int) Math.ceil(edges[b]);
            int last = (int) Math.floor(edges[b + 2]);
            melFirstBin[b] = first;
            melWeights[b] = new double[Math.max(0, last - first + 1)];
            for (int k = first; k <= last; k++) {
                melWeights[b][k - first] = k <= edges[b + 1]
                        ? (k - edges[b]) / (edges[b + 1] - edges[b])
                        : (edges[b + 2] - k) / (edges[b + 2] - edges[b + 1]);
            }
        }
        for (int c = 0; c < DIMS; c++) {
            for (int b = 0; b < BANDS; b++) {
                dct[c][b] = Math.cos(Math.PI * c * (b + 0.5) / BANDS);
            }
        }
    }

    int hopSamples() {
        return hop;
    }

    /** Features of 16-bit mono PCM at this extractor's rate; frame i is centred on sample {@code i * hop}. */
    Features of(short[] pcm) {
        int frames = Math.max(1, (pcm.length + hop - 1) / hop);
        float[] low = decimate(pcm);
        float[] values = new float[frames * DIMS];
        float[] decibels = new float[frames];
        double[] re = new double[WINDOW];
        double[] im = new double[WINDOW];
        double[] power = new double[WINDOW / 2 + 1];
        // Two real frames per complex FFT: one in the real part, the next in the imaginary part.
        for (int f = 0; f < frames; f += 2) {
            decibels[f] = loudness(pcm, f);
            window(low, f, re);
            boolean pair = f + 1 < frames;
            if (pair) {
                decibels[f + 1] = loudness(pcm, f + 1);
                window(low, f + 1, im);
            } else {
                Arrays.fill(im, 0);
            }
            fft.transform(re, im);
            for (int k = 0; k <= WINDOW / 2; k++) {
                int mirror = (WINDOW - k) % WINDOW;
                double r = (re[k] + re[mirror]) / 2;
                double i = (im[k] - im[mirror]) / 2;
                power[k] = r * r + i * i;
            }
            cepstrum(power, values, f);
            if (pair) {
                for (int k = 0; k <= WINDOW / 2; k++) {
                    int mirror = (WINDOW - k) % WINDOW;
                    double r = (im[k] + im[mirror]) / 2;
                    double i = (re[k] - re[mirror]) / 2;
                    power[k] = r * r + i * i;
                }
                cepstrum(power, values, f + 1);
            }
        }
        normalise(values, frames);
        return new Features(values, DIMS, decibels, hop);
    }

    /**
     * The audio low-passed under the new Nyquist frequency and decimated by {@code factor}. The filter is
     * symmetric and, decimating by 2, zero at every other tap: only pairs of non-zero taps are summed.
     */
    private float[] decimate(short[] pcm) {
        int[] offsets = IntStream.rangeClosed(1, TAPS).filter(k -> Math.abs(lowPass[TAPS + k]) > 1e-9).toArray();
        double[] weights = Arrays.stream(offsets).mapToDouble(k -> lowPass[TAPS + k]).toArray();
        double centreWeight = lowPass[TAPS];
        float[] out = new float[(pcm.length + factor - 1) / factor];
        int last = pcm.length - 1;
        for (int n = 0; n < out.length; n++) {
            int centre = n * factor;
            double sum = centreWeight * pcm[centre];
            if (centre >= TAPS && centre + TAPS <= last) {
                for (int t = 0; t < offsets.length; t++) {
                    sum += weights[t] * (pcm[centre - offsets[t]] + pcm[centre + offsets[t]]);
                }
            } else {
                for (int t = 0; t < offsets.length; t++) {
                    int before = centre - offsets[t];
                    int after = centre + offsets[t];
                    sum += weights[t] * ((before >= 0 ? pcm[before] : 0) + (after <= last ? pcm[after] : 0));
                }
            }
            out[n] = (float) (sum / 32768.0);
        }
        return out;
    }

    /** Frame {@code f} of the decimated audio, windowed, into {@code out}. */
    private void window(float[] low, int f, double[] out) {
        int from = (int) Math.round(f * hop / (double) factor) - WINDOW / 2;
        for (int i = 0; i < WINDOW; i++) {
            int at = from + i;
            out[i] = at >= 0 && at < low.length ? low[at] * hamming[i] : 0;
        }
    }

    /** Frame {@code f}'s loudness in dB below full scale, over the same 23 ms of the full-band audio. */
    private float loudness(short[] pcm, int f) {
        int span = WINDOW * factor;
        int from = f * hop - span / 2;
        double energy = 0;
        for (int i = Math.max(0, from); i < Math.min(pcm.length, from + span); i++) {
            double x = pcm[i] / 32768.0;
            energy += x * x;
        }
        return (float) (10 * Math.log10(energy / span + 1e-10));
    }

    private void cepstrum(double[] power, float[] values, int f) {
        double[] logMel = new double[BANDS];
        for (int b = 0; b < BANDS; b++) {
            double sum = 0;
            double[] weights = melWeights[b];
            for (int k = 0; k < weights.length; k++) {
                sum += weights[k] * power[melFirstBin[b] + k];
            }
            // The floor stands for a faint noise bed, so digital silence does not reach minus infinity.
            logMel[b] = Math.log(sum + 1e-6);
        }
        for (int c = 0; c < DIMS; c++) {
            double sum = 0;
            for (int b = 0; b < BANDS; b++) {
                sum += dct[c][b] * logMel[b];
            }
            values[f * DIMS + c] = (float) sum;
        }
    }

    private static void normalise(float[] values, int frames) {
        for (int c = 0; c < DIMS; c++) {
            double sum = 0;
            double squares = 0;
            for (int f = 0; f < frames; f++) {
                double v = values[f * DIMS + c];
                sum += v;
                squares += v * v;
            }
            double mean = sum / frames;
            double sd = Math.sqrt(Math.max(squares / frames - mean * mean, 1e-12));
            for (int f = 0; f < frames; f++) {
                values[f * DIMS + c] = (float) ((values[f * DIMS + c] - mean) / sd);
            }
        }
    }

    private static double mel(double hz) {
        return 2595 * Math.log10(1 + hz / 700);
    }

    private static double hz(double mel) {
        return 700 * (Math.pow(10, mel / 2595) - 1);
    }
}
