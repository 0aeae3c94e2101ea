package narrator.bench.align;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import narrator.pipeline.Sentence;
import narrator.pipeline.align.ReferenceSpeaker;
import narrator.pipeline.narration.Pcm16;
import narrator.tts.MarkedSpeech;
import narrator.tts.SpeechOptions;
import narrator.tts.espeak.EspeakVoice;

/**
 * Speaks a script as a stand-in for a human narrator, knowing exactly where every sentence and word
 * starts: another espeak-ng voice and speed than the reference's, silence of random length before the
 * first sentence, between sentences, after the last, and (by chance) before words, then noise and
 * "music" (chords of harmonic tones changing every half second) mixed under it, and optionally a round
 * trip through 16 kHz.
 */
final class TruthRecorder {
    private static final int RATE = EspeakVoice.SAMPLE_RATE;

    private TruthRecorder() {
    }

    static TruthRecording record(String name, List<Sentence> sentences, Condition condition) {
        Random random = new Random(condition.seed());
        EspeakVoice voice = EspeakVoice.load(condition.voice());
        SpeechOptions options = new SpeechOptions(condition.speed(), null);
        Buffer out = new Buffer();
        out.silence(seconds(random, 0.3, 2.5));
        List<Long> sentenceStarts = new ArrayList<>();
        List<List<Long>> wordStarts = new ArrayList<>();
        for (Sentence sentence : sentences) {
            if (!sentenceStarts.isEmpty()) {
                out.silence(seconds(random, 0.15, sentence.paragraphEnd() ? 2.0 : 1.2));
            }
            MarkedSpeech speech = voice.speakMarked(sentence.text(), options);
            float[] samples = speech.speech().samples();
            long[] starts = ReferenceSpeaker.markedStarts(sentence.text(), speech.words());
            if (starts.length == 0 || starts[0] < 0) {
                throw new IllegalStateException("no word event for the first word of: " + sentence.text());
            }
            List<Long> moved = new ArrayList<>();
            int from = 0;
            for (int w = 0; w < starts.length; w++) {
                if (starts[w] < 0) {
                    moved.add(-1L); // spoken as part of the word before: no true start to measure
                    continue;
                }
                int at = (int) starts[w];
                if (w == 0) {
                    // Leading silence espeak puts before the first word is part of the pause, not the sentence.
                    from = at;
                    sentenceStarts.add((long) out.size);
                } else {
                    out.add(samples, from, at);
                    from = at;
                    if (random.nextDouble() < condition.wordPauseChance()) {
                        out.silence(seconds(random, 0.1, 0.6));
                    }
                }
                moved.add((long) out.size);
            }
            out.add(samples, from, samples.length);
            wordStarts.add(moved);
        }
        out.silence(seconds(random, 0.3, 2.5));
        float[] mix = out.trimmed();
        double speechRms = rms(mix);
        if (condition.noiseDb() != null) {
            double level = speechRms * Math.pow(10, condition.noiseDb() / 20);
            for (int i = 0; i < mix.length; i++) {
                mix[i] += (float) (random.nextGaussian() * level);
            }
        }
        if (condition.musicDb() != null) {
            addMusic(mix, speechRms * Math.pow(10, condition.musicDb() / 20), random);
        }
        if (condition.resample()) {
            mix = resample(resample(mix, RATE, 16000), 16000, RATE);
        }
        short[] pcm = new short[mix.length];
        for (int i = 0; i < mix.length; i++) {
            pcm[i] = Pcm16.toShort(mix[i]);
        }
        return new TruthRecording(name + " (" + condition.describe() + ")", pcm, RATE, sentenceStarts, wordStarts);
    }

    /** Chords of three harmonic-rich tones from a pentatonic scale, a new chord every half second. */
    static void addMusic(float[] mix, double rms, Random random) {
        double[] scale = {220, 247.5, 277.2, 330, 370, 440, 495, 554.4, 660};
        int chordSamples = RATE / 2;
        double amplitude = rms * Math.sqrt(2) / 3 / 1.5;
        for (int start = 0; start < mix.length; start += chordSamples) {
            double[] notes = {scale[random.nextInt(scale.length)], scale[random.nextInt(scale.length)],
                scale[random.nextInt(scale.length)]};
            for (int i = start; i < Math.min(mix.length, start + chordSamples); i++) {
                double t = i / (double) RATE;
                double v = 0;
                for (double f : notes) {
                    v += Math.sin(2 * Math.PI * f * t) + 0.5 * Math.sin(4 * Math.PI * f * t);
                }
                mix[i] += (float) (amplitude * v);
            }
        }
    }

    /** Linear interpolation, after a 3-tap smoothing (in place) when going down: enough to lose the top of the band. */
    static float[] resample(float[] in, int from, int to) {
        if (to < from) {
            float previous = in[0];
            for (int i = 0; i < in.length; i++) {
                float current = in[i];
                in[i] = (previous + 2 * current + in[Math.min(in.length - 1, i + 1)]) / 4;
                previous = current;
            }
        }
        int length = (int) ((long) in.length * to / from);
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            double x = i * (double) from / to;
            int a = (int) x;
            int b = Math.min(a + 1, in.length - 1);
            double f = x - a;
            out[i] = (float) (in[a] * (1 - f) + in[b] * f);
        }
        return out;
    }

    private static double rms(float[] samples) {
        double sum = 0;
        int loud = 0;
        for (float s : samples) {
            if (Math.abs(s) > 1e-3) {
                sum += s * s;
                loud++;
            }
        }
        return Math.sqrt(sum / Math.max(1, loud));
    }

    private static int seconds(Random random, double min, double max) {
        return (int) Math.round((min + random.nextDouble() * (max - min)) * RATE);
    }

    private static final class Buffer {
        private float[] samples = new float[1 << 16];
        private int size;

        void add(float[] source, int from, int to) {
            ensure(to - from);
            System.arraycopy(source, from, samples, size, to - from);
            size += to - from;
        }

        void silence(int count) {
            ensure(count);
            size += count;
        }

        private void ensure(int more) {
            if (size + more > samples.length) {
                samples = Arrays.copyOf(samples, Math.max(samples.length + samples.length / 2, size + more));
            }
        }

        /** The samples, the buffer itself when it is full (a long recording is not copied again). */
        float[] trimmed() {
            return size == samples.length ? samples : Arrays.copyOf(samples, size);
        }
    }
}
