package narrator.bench.render;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import narrator.bench.api.ServiceJvm;
import narrator.pipeline.VideoSize;
import narrator.pipeline.render.FfmpegRunner;
import narrator.pipeline.render.LoudnessMeter;
import narrator.pipeline.render.MediaProbe;
import narrator.pipeline.render.RenderSpec;

/**
 * {@code narrator bench render --overhead}: what the render path costs on top of the encode itself.
 * Runs, alternating and in alternating order, (a) the whole job as a user runs it: a fresh
 * {@code narrator render} JVM from the fat jar with the launcher's flags (JVM start, speech, probes,
 * leveling, subtitles, mix, thumbnail) and (b) the bare encode: one FFmpeg of the same picture chain
 * (the base fitted, the job's own subtitles burned, the same x264 settings and threads) for the same
 * duration, without audio. Prints each run with the machine's load, the medians, the median of the
 * paired ratios, the job's stage breakdown and the loudness of its output.
 */
public final class OverheadBenchmark {
    /** The encoder settings the job will use (the service's), so the bare encode uses the same. */
    public record X264(String preset, int crf, int threads) {
    }

    /** One pair: the job's wall time and stage timings, the bare encode's wall time, and the load before each. */
    record Pair(double jobSeconds, Map<String, Double> stages, double bareSeconds, double loadBeforeJob,
                double loadBeforeBare, double jobCpuSeconds, double bareCpuSeconds, LoudnessMeter.Reading output) {
        double ratio() {
            return jobSeconds / bareSeconds;
        }

        double outsideStages() {
            return jobSeconds - stages.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    private static final Pattern STAGE = Pattern.compile("^\\s+([a-z]+)\\s+([0-9.]+) s$");
    private static final Duration MEDIA_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(30);
    private static final VideoSize SIZE = VideoSize.PORTRAIT;
    private static final String VOICE = "espeak:en-us";

    private final Path jar;
    private final Map<String, String> env;
    private final X264 x264;
    private final PrintStream out;
    private final FfmpegRunner ffmpeg = new FfmpegRunner();

    /** {@code env} is the environment the job runs with, DATA_DIR aside (each run gets a fresh one). */
    public OverheadBenchmark(Path jar, Map<String, String> env, X264 x264, PrintStream out) {
        this.jar = jar;
        this.env = env;
        this.x264 = x264;
        this.out = out;
    }

    /** Generates the inputs in {@code work}, runs one warm-up job, then {@code runs} pairs, and prints the figures. */
    public void run(int runs, Path work) throws IOException, InterruptedException {
        RenderBenchmark.Settings s = RenderBenchmark.Settings.FULL;
        Path script = Files.writeString(work.resolve("script.txt"), s.script(), StandardCharsets.UTF_8);
        Path base = work.resolve("base.mp4");
        Path music = work.resolve("music.m4a");
        ffmpeg.run(BenchMedia.baseVideo(s.baseSize(), s.baseSeconds(), base), MEDIA_TIMEOUT);
        ffmpeg.run(BenchMedia.music(s.musicSeconds(), music), MEDIA_TIMEOUT);
        out.printf(Locale.ROOT, "job: %s, %s over a looped %s %.0f s base, %.0f s looped music, libx264 %s crf %d, "
                + "%d threads; %d cores%n", VOICE, SIZE, s.baseSize(), s.baseSeconds(), s.musicSeconds(), x264.preset(),
                x264.crf(), x264.threads(), Runtime.getRuntime().availableProcessors());

        // The warm-up fills the page cache and gives the bare encode the job's own subtitles and length.
        Path warm = work.resolve("job-warm-up");
        job(script, base, music, warm);
        double totalSeconds = new MediaProbe(ffmpeg).probe(warm.resolve("voice.wav"), "voice").durationSeconds()
                + RenderSpec.DEFAULT_TAIL_SECONDS;
        RenderSpec bare = BareEncode.spec(warm.resolve("voice.wav"), new MediaProbe(ffmpeg).probeBase(base),
                warm.resolve("subs.ass"), SIZE, totalSeconds, x264.preset(), x264.crf(), x264.threads(),
                work.resolve("bare.mp4"));

        List<Pair> pairs = new ArrayList<>();
        // CPU: seconds of user and system time of the run's processes, which another user's load barely moves.
        out.println("run  order      job s  load  cpu s   bare s  load  cpu s   ratio  output LUFS  dBTP");
        for (int i = 0; i < runs; i++) {
            Path dir = work.resolve("job-" + i);
            boolean jobFirst = i % 2 == 0;
            double loadBare = 0;
            double bareSeconds = 0;
            double bareCpu = 0;
            if (!jobFirst) {
                loadBare = load();
                bareCpu = -childCpuSeconds();
                bareSeconds = bare(bare);
                bareCpu += childCpuSeconds();
            }
            double loadJob = load();
            double jobCpu = -childCpuSeconds();
            Job job = job(script, base, music, dir);
            jobCpu += childCpuSeconds();
            if (jobFirst) {
                loadBare = load();
                bareCpu = -childCpuSeconds();
                bareSeconds = bare(bare);
                bareCpu += childCpuSeconds();
            }
            Pair pair = new Pair(job.seconds(), job.stages(), bareSeconds, loadJob, loadBare, jobCpu, bareCpu,
                    new LoudnessMeter(ffmpeg).measureFile(dir.resolve("final.mp4")));
            pairs.add(pair);
            out.printf(Locale.ROOT, "%3d  %-9s %6.2f  %4.2f %6.1f   %6.2f  %4.2f %6.1f   %5.3f   %6.2f     %5.2f%n",
                    i + 1, jobFirst ? "job,bare" : "bare,job", pair.jobSeconds(), loadJob, jobCpu, bareSeconds,
                    loadBare, bareCpu, pair.ratio(), pair.output().integratedLufs(), pair.output().truePeakDbtp());
        }
        print(pairs, totalSeconds);
    }

    private void print(List<Pair> pairs, double totalSeconds) {
        out.printf(Locale.ROOT, "median job:        %6.2f s (%.1f s of video)%n",
                median(pairs.stream().map(Pair::jobSeconds).toList()), totalSeconds);
        out.printf(Locale.ROOT, "median bare:       %6.2f s%n", median(pairs.stream().map(Pair::bareSeconds).toList()));
        out.printf(Locale.ROOT, "median ratio:      %6.3f (job / bare, paired)%n",
                median(pairs.stream().map(Pair::ratio).toList()));
        out.printf(Locale.ROOT, "median CPU:        job %.1f s, bare %.1f s%n",
                median(pairs.stream().map(Pair::jobCpuSeconds).toList()),
                median(pairs.stream().map(Pair::bareCpuSeconds).toList()));
        out.println("job stage breakdown (medians):");
        for (String stage : pairs.get(0).stages().keySet()) {
            out.printf(Locale.ROOT, "  %-15s %6.2f s%n", stage,
                    median(pairs.stream().map(p -> p.stages().getOrDefault(stage, 0.0)).toList()));
        }
        out.printf(Locale.ROOT, "  %-15s %6.2f s (JVM start, set-up, encoder detection, moving files)%n",
                "outside stages", median(pairs.stream().map(Pair::outsideStages).toList()));
        out.printf(Locale.ROOT, "output loudness:   %.2f to %.2f LUFS (target -14 +-1)%n",
                pairs.stream().mapToDouble(p -> p.output().integratedLufs()).min().orElseThrow(),
                pairs.stream().mapToDouble(p -> p.output().integratedLufs()).max().orElseThrow());
    }

    /** The job's wall time and its printed stage timings, in order. */
    record Job(double seconds, Map<String, Double> stages) {
    }

    private Job job(Path script, Path base, Path music, Path outDir) throws IOException, InterruptedException {
        Files.createDirectories(outDir);
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ServiceJvm.JVM_FLAGS);
        command.addAll(List.of("-jar", jar.toString(), "render", "--script", script.toString(), "--video",
                base.toString(), "--music", music.toString(), "--voice", VOICE, "--size", SIZE.toString(),
                "--out", outDir.toString()));
        Path log = outDir.resolve("job.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        // A fresh data directory: no speech cached by an earlier run, as for a new script.
        builder.environment().put("DATA_DIR", Files.createDirectories(outDir.resolve("data")).toString());
        long started = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("narrator render ran past " + RUN_TIMEOUT + "; see " + log);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        List<String> printed = Files.readAllLines(log, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("narrator render failed (exit " + process.exitValue() + "): "
                    + String.join("\n", printed.subList(Math.max(0, printed.size() - 10), printed.size())));
        }
        return new Job(seconds, stages(printed));
    }

    /** The stage timings {@code narrator render} prints ("  rendering   26.02 s"), its total left out. */
    static Map<String, Double> stages(List<String> printed) {
        Map<String, Double> stages = new LinkedHashMap<>();
        for (String line : printed) {
            Matcher m = STAGE.matcher(line);
            if (m.find() && !m.group(1).equals("total")) {
                stages.put(m.group(1), Double.parseDouble(m.group(2)));
            }
        }
        return stages;
    }

    private double bare(RenderSpec bare) {
        return BareEncode.run(ffmpeg, bare, RUN_TIMEOUT).toNanos() / 1e9;
    }

    /**
     * User and system CPU seconds of this JVM's finished children and theirs (cutime and cstime in
     * /proc/self/stat, in the kernel's 100 ticks per second): a job's JVM counts its FFmpeg processes in.
     */
    private static double childCpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After "pid (comm) ", field 3 (state) is index 0: cutime and cstime are fields 16 and 17.
            return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The one-minute load average, read just before a run. */
    private static double load() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | UncheckedIOException | NumberFormatException e) {
            return Double.NaN;
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
