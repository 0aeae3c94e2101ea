package narrator.bench.segments;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The figures of one {@code bench render --segments} run, as a table or JSON: every job against the one-pass
 * job, the serial fraction Amdahl's law fits to them, the jobs against a bare encode of the same picture, and
 * what N real machines would give.
 *
 * @param setup      what was rendered
 * @param machine    where
 * @param onePass    the job in one FFmpeg pass, what speed-ups are against
 * @param parallel   the segmented jobs, on one node and on clusters
 * @param bareMillis one {@code ffmpeg} of the job's picture chain alone
 */
record SegmentReport(Setup setup, Machine machine, SegmentRun onePass, List<SegmentRun> parallel, long bareMillis) {
    /** Machines in the forecast. */
    static final List<Integer> MACHINES = List.of(2, 4, 8);

    /**
     * @param minutes        the script's length asked for
     * @param videoSeconds   the video's length, as the one-pass job reported it
     * @param segmentSeconds SEGMENT_SECONDS of the segmented runs
     */
    record Setup(double minutes, double videoSeconds, String size, String preset, int crf, int ffmpegThreads,
                 String voice, int segmentSeconds) {
    }

    /** The machine's cores and its 1-minute load average before and after the runs (other work shows there). */
    record Machine(int cores, double loadBefore, double loadAfter) {
    }

    SegmentReport {
        parallel = List.copyOf(parallel);
    }

    double speedUp(SegmentRun run) {
        return onePass.jobSeconds() / run.jobSeconds();
    }

    double renderSpeedUp(SegmentRun run) {
        double render = run.stageSeconds("rendering");
        return render == 0 ? 0 : onePass.stageSeconds("rendering") / render;
    }

    double efficiency(SegmentRun run) {
        return speedUp(run) / run.workers();
    }

    OptionalDouble serialFraction(SegmentRun run) {
        return Amdahl.serialFraction(point(run));
    }

    /** Least squares over the runs with two workers or more. */
    OptionalDouble serialFraction() {
        return Amdahl.serialFraction(parallel.stream().map(this::point).toList());
    }

    /** The job time over the bare encode's: what the render path costs around FFmpeg's own work. */
    double bareRatio(SegmentRun run) {
        return run.jobMillis() / (double) bareMillis;
    }

    /** From the first segmented run that drew one segment at a time and recorded its segments' times. */
    java.util.Optional<ClusterForecast> forecast() {
        return parallel.stream().filter(run -> run.workers() == 1 && !run.segments().isEmpty()).findFirst()
                .map(run -> ClusterForecast.of(onePass.jobSeconds(), run.jobSeconds(), run.drawSeconds()));
    }

    private Amdahl.Point point(SegmentRun run) {
        return new Amdahl.Point(run.workers(), speedUp(run));
    }

    private List<SegmentRun> runs() {
        return Stream.concat(Stream.of(onePass), parallel.stream()).toList();
    }

    String table() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "bench render --segments: a %.1f-minute script (%.1f s of video, %s), %s at 30 fps, "
                + "libx264 %s crf %d, FFMPEG_THREADS=%d, SEGMENT_SECONDS=%d", setup.minutes(), setup.videoSeconds(),
                setup.voice(), setup.size(), setup.preset(), setup.crf(), setup.ffmpegThreads(), setup.segmentSeconds()));
        lines.add(String.format(Locale.ROOT, "machine: %d cores, load average %.2f before the runs, %.2f after",
                machine.cores(), machine.loadBefore(), machine.loadAfter()));
        if (Math.max(machine.loadBefore(), machine.loadAfter()) > machine.cores()) {
            lines.add("warning: the load average exceeded the core count: other work shared the cores, so these "
                    + "figures are noisy; run it on an idle machine");
        }
        lines.add("times from each job's records: job = created_at to finished_at (nodes already running), speech and "
                + "render = timings_ms, outside = render less the segments' span (audio, join, mux), segments = segment_runs");
        lines.add(String.format(Locale.ROOT, "%-34s %7s %8s %8s %8s %9s %9s %9s %10s %8s %9s %s", "run", "workers",
                "job s", "speech s", "render s", "outside s", "speed-up", "render x", "efficiency", "Amdahl s", "job/bare",
                "segments: draw s median/max, per node"));
        for (SegmentRun run : runs()) {
            lines.add(String.format(Locale.ROOT, "%-34s %7d %8.1f %8.1f %8.1f %9s %8.2fx %8.2fx %10.2f %8s %8.2fx %s",
                    run.label(), run.workers(), run.jobSeconds(), run.stageSeconds("synthesizing"),
                    run.stageSeconds("rendering"), run.segments().isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f",
                            run.outsideSegmentsSeconds()), speedUp(run), renderSpeedUp(run), efficiency(run),
                    fraction(serialFraction(run)), bareRatio(run), segments(run)));
        }
        lines.add(String.format(Locale.ROOT, "%-34s %7s %8.1f", "bare encode (ffmpeg, picture only)", "-", bareMillis / 1000.0));
        lines.add(String.format(Locale.ROOT, "Amdahl's serial fraction, least squares over the runs with 2+ workers "
                + "(1/S - 1/p = s (1 - 1/p)): s = %s", fraction(serialFraction())));
        lines.add("stages (ms, timings_ms):");
        for (SegmentRun run : runs()) {
            lines.add(String.format(Locale.ROOT, "  %-32s %s", run.label(), run.stageMillis().entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))));
        }
        forecast().ifPresentOrElse(f -> {
            lines.add(String.format(Locale.ROOT, "expected on N real machines (%d cores each), from the segmented "
                    + "1-at-a-time run: %s", machine.cores(), ClusterForecast.FORMULA));
            lines.add(String.format(Locale.ROOT, "  T_one_pass %.1f s, T_serial %.1f s (job less its segments' draw "
                    + "times), k %d, t_segment_median %.1f s; moving segments between machines not included",
                    f.onePassSeconds(), f.serialSeconds(), f.segmentSeconds().size(), f.medianSegmentSeconds()));
            lines.add("  " + MACHINES.stream().map(n -> String.format(Locale.ROOT, "N=%d: %.2fx (%.1f s)", n, f.speedUp(n),
                    f.jobSeconds(n))).collect(Collectors.joining(", ")));
        }, () -> lines.add("expected on N real machines: not computed, the jobs recorded no per-segment times"));
        lines.add(String.format(Locale.ROOT, "why the speed-up is small here: this machine has %d cores and x264 %s with "
                + "FFMPEG_THREADS=%d already keeps them busy in one pass, so segments drawn at once (and worker nodes on "
                + "the same machine) compete for the same cores; they add work (each segment's own seek, subtitle "
                + "document, encoder start and join) rather than cores.", machine.cores(), setup.preset(),
                setup.ffmpegThreads()));
        return String.join("\n", lines) + "\n";
    }

    String json() {
        List<String> entries = runs().stream().map(run -> String.format(Locale.ROOT, "{\"run\": \"%s\", \"workers\": %d, "
                        + "\"job_ms\": %d, \"timings_ms\": {%s}, \"speed_up\": %.3f, \"render_speed_up\": %.3f, "
                        + "\"efficiency\": %.3f, \"serial_fraction\": %s, \"job_over_bare\": %.3f, \"outside_segments_s\": %.3f, "
                        + "\"segment_draw_ms\": [%s], \"segments_per_node\": {%s}}", run.label(), run.workers(),
                run.jobMillis(), entries(run.stageMillis()), speedUp(run), renderSpeedUp(run), efficiency(run),
                number(serialFraction(run)), bareRatio(run), run.outsideSegmentsSeconds(),
                run.segments().stream().map(s -> Long.toString(s.drawMillis())).collect(Collectors.joining(", ")),
                entries(run.segmentsPerNode()))).toList();
        String forecast = forecast().map(f -> String.format(Locale.ROOT, "{\"formula\": \"%s\", \"one_pass_s\": %.3f, "
                        + "\"serial_s\": %.3f, \"segments\": %d, \"segment_median_s\": %.3f, \"speed_up\": {%s}}",
                ClusterForecast.FORMULA, f.onePassSeconds(), f.serialSeconds(), f.segmentSeconds().size(),
                f.medianSegmentSeconds(), MACHINES.stream().map(n -> String.format(Locale.ROOT, "\"%d\": %.3f", n,
                        f.speedUp(n))).collect(Collectors.joining(", ")))).orElse("null");
        return String.format(Locale.ROOT, "{\"minutes\": %s, \"video_s\": %.3f, \"size\": \"%s\", \"preset\": \"%s\", "
                        + "\"crf\": %d, \"ffmpeg_threads\": %d, \"voice\": \"%s\", \"segment_seconds\": %d, "
                        + "\"cores\": %d, \"load_before\": %.2f, \"load_after\": %.2f, \"bare_encode_ms\": %d, "
                        + "\"runs\": [%s], \"serial_fraction\": %s, \"forecast\": %s}%n",
                trim(setup.minutes()), setup.videoSeconds(), setup.size(), setup.preset(), setup.crf(),
                setup.ffmpegThreads(), setup.voice(), setup.segmentSeconds(), machine.cores(), machine.loadBefore(),
                machine.loadAfter(), bareMillis, String.join(", ", entries), number(serialFraction()), forecast);
    }

    private static String segments(SegmentRun run) {
        if (run.segments().isEmpty()) {
            return "-";
        }
        List<Double> draws = run.drawSeconds();
        return String.format(Locale.ROOT, "%d: %.1f/%.1f, %s", draws.size(), ClusterForecast.median(draws),
                ClusterForecast.max(draws), run.segmentsPerNode().entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
    }

    private static String fraction(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.2f", value.getAsDouble()) : "-";
    }

    private static String number(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.3f", value.getAsDouble()) : "null";
    }

    private static String entries(Map<String, Long> map) {
        return map.entrySet().stream().map(e -> "\"" + e.getKey() + "\": " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
