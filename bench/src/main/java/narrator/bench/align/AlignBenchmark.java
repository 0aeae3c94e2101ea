package narrator.bench.align;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import narrator.pipeline.Sentence;
import narrator.pipeline.SpokenSentence;
import narrator.pipeline.align.Alignment;
import narrator.pipeline.align.ForcedAligner;
import narrator.pipeline.align.Reference;
import narrator.pipeline.align.ReferenceSpeaker;
import narrator.tts.SpeechOptions;
import narrator.tts.espeak.EspeakVoice;

/**
 * {@code narrator bench align}: how closely forced alignment finds sentence and word starts in
 * recordings whose truth is known ({@link TruthRecorder}), and what it costs per minute of audio; then
 * the confidence it gives recordings that do not match their script.
 */
public final class AlignBenchmark {
    private static final String REFERENCE_VOICE = "en-us";
    static final String[] VOICES = {"en-gb-x-rp+f3", "en-us+m3", "en+f2", "en-gb-scotland", "en-us+f4", "en+klatt2"};
    static final double[] SPEEDS = {0.8, 0.9, 1.1, 1.25, 0.85, 1.2};

    private AlignBenchmark() {
    }

    /** One recording's result: errors in ms, timings and memory. */
    record Result(String name, double seconds, double[] sentenceErrorsMs, double[] wordErrorsMs, double confidence,
                  double alignMs, double alignWallMs, double referenceMs, double peakHeapMb) {
    }

    /** The measured corpus: {@code count} recordings from 30 s up to {@code maxSeconds}, conditions rotating. */
    static List<Condition> conditions(int count) {
        List<Condition> conditions = new ArrayList<>();
        Double[] noise = {null, -30.0, -20.0, -15.0};
        Double[] music = {null, null, -20.0, -12.0, -25.0};
        for (int i = 0; i < count; i++) {
            conditions.add(new Condition(VOICES[i % VOICES.length], SPEEDS[i % SPEEDS.length], i % 3 == 0 ? 0 : 0.15,
                    noise[i % noise.length], music[i % music.length], i % 4 == 1, 1000 + i));
        }
        return conditions;
    }

    static double secondsOf(int index, int count, double maxSeconds) {
        // Mostly 30 s to 2 min, with a few long ones up to maxSeconds.
        if (index % 10 == 9) {
            return maxSeconds;
        }
        if (index % 10 == 4) {
            return maxSeconds / 2;
        }
        return 30 + (index * 37 % 91);
    }

    public static void run(int count, double maxSeconds, PrintStream out) {
        ReferenceSpeaker speaker = new ReferenceSpeaker(EspeakVoice.load(REFERENCE_VOICE));
        ForcedAligner aligner = new ForcedAligner();
        List<Condition> conditions = conditions(count);
        // One recording first, not counted, so the JIT has compiled the aligner before anything is timed.
        List<Sentence> warmUp = Scripts.ofSeconds(60, 1);
        measure(speaker, aligner, warmUp, TruthRecorder.record("warm-up", warmUp, conditions.get(0)));
        out.printf(Locale.ROOT, "sentence and word start errors in ms; align.ms = CPU time of features + DTW + confidence (one thread; wall time suffers from other load); heap.MB = "
                + "peak heap during the alignment over the heap before it (garbage not yet collected included)%n");
        out.printf(Locale.ROOT, "%-52s %7s %9s %9s %9s %9s %6s %8s %8s %8s%n", "recording", "seconds", "sent.med",
                "sent.p95", "word.med", "word.p95", "conf", "align.ms", "ms/min", "heap.MB");
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<Sentence> script = Scripts.ofSeconds(secondsOf(i, count, maxSeconds), 7 * i + 3);
            TruthRecording recording = TruthRecorder.record("#" + (i + 1), script, conditions.get(i));
            Result r = measure(speaker, aligner, script, recording);
            results.add(r);
            out.printf(Locale.ROOT, "%-52s %7.1f %9.1f %9.1f %9.1f %9.1f %6.2f %8.0f %8.0f %8.1f%n", r.name(), r.seconds(),
                    percentile(r.sentenceErrorsMs(), 50), percentile(r.sentenceErrorsMs(), 95),
                    percentile(r.wordErrorsMs(), 50), percentile(r.wordErrorsMs(), 95), r.confidence(), r.alignMs(),
                    r.alignMs() / (r.seconds() / 60), r.peakHeapMb());
        }
        double[] sentences = results.stream().flatMapToDouble(r -> Arrays.stream(r.sentenceErrorsMs())).toArray();
        double[] words = results.stream().flatMapToDouble(r -> Arrays.stream(r.wordErrorsMs())).toArray();
        double minutes = results.stream().mapToDouble(Result::seconds).sum() / 60;
        out.printf(Locale.ROOT, "%nall %d recordings, %.1f minutes, %d sentence and %d word boundaries%n", results.size(),
                minutes, sentences.length, words.length);
        out.printf(Locale.ROOT, "sentence start error: median %.1f ms, p95 %.1f ms (targets 40, 120)%n",
                percentile(sentences, 50), percentile(sentences, 95));
        out.printf(Locale.ROOT, "word start error:     median %.1f ms, p95 %.1f ms (targets 60, 200)%n",
                percentile(words, 50), percentile(words, 95));
        out.printf(Locale.ROOT, "alignment time:       %.0f ms CPU (%.0f ms wall) per minute of audio (features + DTW + confidence)%n",
                results.stream().mapToDouble(Result::alignMs).sum() / minutes,
                results.stream().mapToDouble(Result::alignWallMs).sum() / minutes);
        out.printf(Locale.ROOT, "reference speech:     %.0f ms CPU per minute of audio (espeak-ng, in the job before aligning)%n",
                results.stream().mapToDouble(Result::referenceMs).sum() / minutes);
        Result longest = results.stream().max((a, b) -> Double.compare(a.seconds(), b.seconds())).orElseThrow();
        out.printf(Locale.ROOT, "longest (%.0f s):      align %.0f ms CPU (%.0f ms wall), peak heap %.1f MB%n",
                longest.seconds(), longest.alignMs(), longest.alignWallMs(), longest.peakHeapMb());
        out.printf(Locale.ROOT, "%nrecordings that do not match the script (trusted from confidence %.2f):%n",
                Alignment.TRUSTED);
        for (Mismatch mismatch : mismatches()) {
            Reference reference = speaker.speak(mismatch.script(), SpeechOptions.DEFAULT);
            double confidence = aligner.align(reference, mismatch.pcm()).confidence();
            out.printf(Locale.ROOT, "  %-40s confidence %.2f%n", mismatch.name(), confidence);
        }
    }

    static Result measure(ReferenceSpeaker speaker, ForcedAligner aligner, List<Sentence> script, TruthRecording recording) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long speaking = threads.getCurrentThreadCpuTime();
        Reference reference = speaker.speak(script, SpeechOptions.DEFAULT);
        speaking = threads.getCurrentThreadCpuTime() - speaking;
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        long before = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long cpu = threads.getCurrentThreadCpuTime();
        long t2 = System.nanoTime();
        Alignment alignment = aligner.align(reference, recording.pcm());
        long t3 = System.nanoTime();
        cpu = threads.getCurrentThreadCpuTime() - cpu;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        return new Result(recording.name(), recording.seconds(), sentenceErrors(alignment, recording),
                wordErrors(alignment, recording), alignment.confidence(), cpu / 1e6, (t3 - t2) / 1e6, speaking / 1e6,
                Math.max(0, peak - before) / 1048576.0);
    }

    static double[] sentenceErrors(Alignment alignment, TruthRecording truth) {
        List<SpokenSentence> placed = alignment.sentences();
        double[] errors = new double[placed.size()];
        for (int s = 0; s < placed.size(); s++) {
            errors[s] = ms(placed.get(s).startSample() - truth.sentenceStarts().get(s), truth.sampleRate());
        }
        return errors;
    }

    /** Every word but each sentence's first (whose start is the sentence's). */
    static double[] wordErrors(Alignment alignment, TruthRecording truth) {
        List<Double> errors = new ArrayList<>();
        for (int s = 0; s < alignment.sentences().size(); s++) {
            List<Long> placed = alignment.sentences().get(s).wordStarts();
            List<Long> known = truth.wordStarts().get(s);
            for (int w = 1; w < known.size(); w++) {
                if (known.get(w) < 0) {
                    continue;
                }
                errors.add(ms(placed.size() == known.size() ? placed.get(w) - known.get(w) : Long.MAX_VALUE / 2,
                        truth.sampleRate()));
            }
        }
        return errors.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double ms(long samples, int rate) {
        return Math.abs(samples) * 1000.0 / rate;
    }

    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(p / 100 * sorted.length) - 1];
    }

    /** A recording that is not the script it comes with. */
    record Mismatch(String name, List<Sentence> script, short[] pcm) {
    }

    static List<Mismatch> mismatches() {
        List<Sentence> script = Scripts.of(Scripts.POOL.subList(0, 6));
        Condition plain = new Condition("en-gb-x-rp", 1.0, 0, null, null, false, 5);
        short[] other = TruthRecorder.record("other", Scripts.of(Scripts.OTHER), plain).pcm();
        short[] german = TruthRecorder.record("german", Scripts.of(Scripts.GERMAN),
                new Condition("de", 1.0, 0, null, null, false, 6)).pcm();
        short[] silence = new short[EspeakVoice.SAMPLE_RATE * 25];
        float[] tones = new float[EspeakVoice.SAMPLE_RATE * 25];
        TruthRecorder.addMusic(tones, 0.1, new java.util.Random(7));
        short[] music = new short[tones.length];
        for (int i = 0; i < tones.length; i++) {
            music[i] = narrator.pipeline.narration.Pcm16.toShort(tones[i]);
        }
        short[] otherSame = TruthRecorder.record("other", Scripts.of(Scripts.OTHER),
                new Condition(REFERENCE_VOICE, 1.0, 0, null, null, false, 8)).pcm();
        short[] reordered = TruthRecorder.record("reordered", Scripts.of(Scripts.POOL.subList(6, 12)),
                new Condition("en-us+m3", 1.1, 0, null, null, false, 9)).pcm();
        return List.of(new Mismatch("another English text", script, other),
                new Mismatch("another text, the reference's voice", script, otherSame),
                new Mismatch("the next sentences of the same story", script, reordered),
                new Mismatch("German speech", script, german),
                new Mismatch("music only", script, music),
                new Mismatch("digital silence", script, silence));
    }
}
