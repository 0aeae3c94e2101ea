package narrator.bench.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;

import narrator.pipeline.render.BaseLoop;
import narrator.pipeline.render.BaseMedia;
import narrator.pipeline.render.FfmpegCommand;
import narrator.pipeline.render.FfmpegRunner;
import narrator.pipeline.render.MediaProbe;
import narrator.pipeline.render.RenderSpec;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.CancelSignal;
import narrator.pipeline.VideoSize;

/**
 * The reference Python service's way of rendering, kept only to benchmark against. Given one WAV per
 * sentence, it runs the reference's steps in order, each a separate process:
 * <ol>
 *   <li>ffprobe every sentence WAV for its duration (the reference's "measure audio durations with
 *       ffprobe" step, which its subtitle timing used); their sum is the voice's length;
 *   <li>join the sentence WAVs with the concat demuxer, stream copy, into one WAV;
 *   <li>mix the looped music into a new WAV: music at volume 0.2 with a 2 s fade-out, amix;
 *   <li>burn the subtitles in a separate encode that muxes the mixed audio as AAC 160k.
 * </ol>
 * Step 4 uses {@link FfmpegCommand}'s own picture chain and x264 arguments (preset, crf, threads,
 * lookahead), so the comparison is of pipelines, not of encoder settings. Like the reference, its
 * output is as long as the voice (no tail) and has no ducking or loudness normalisation, which makes
 * its audio work lighter than the one-pass render's.
 */
public final class MultiPassBaseline {
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(30);

    private final FfmpegRunner runner;
    private final MediaProbe probe;
    private final String x264Preset;
    private final int crf;

    public MultiPassBaseline(FfmpegRunner runner, String x264Preset, int crf) {
        this.runner = runner;
        this.probe = new MediaProbe(runner);
        this.x264Preset = x264Preset;
        this.crf = crf;
    }

    /**
     * @param wall               wall time of all steps, probes included
     * @param ffmpegPeakRssBytes the largest peak resident memory of any one step
     */
    public record Result(Duration wall, Path output, OptionalLong ffmpegPeakRssBytes) {
    }

    /** {@code base} comes probed, as the one-pass render gets it: probing it is not one of the reference's steps. */
    public Result run(List<Path> sentenceWavs, Path music, BaseMedia base, Path ass, VideoSize size, Path workDir) {
        long started = System.nanoTime();
        Path list = workDir.resolve("baseline-concat.txt");
        Path voice = workDir.resolve("baseline-voice.wav");
        Path mixed = workDir.resolve("baseline-mixed.wav");
        Path output = workDir.resolve("baseline-final.mp4");
        double voiceSeconds = 0;
        for (Path wav : sentenceWavs) {
            voiceSeconds += probe.probe(wav, "sentence").durationSeconds();
        }
        write(list, concatList(sentenceWavs));
        List<FfmpegRunner.Output> steps = new ArrayList<>();
        steps.add(step(concatArgv(list, voice), voice, 0));
        steps.add(step(mixArgv(voice, music, voiceSeconds, mixed), mixed, voiceSeconds));
        RenderSpec burn = RenderSpec.builder(mixed, voiceSeconds, output)
                .tailSeconds(0)
                .base(base)
                .subtitles(ass)
                .size(size)
                .x264(x264Preset, crf)
                .build();
        try (BaseLoop loop = BaseLoop.write(probe, burn, CancelSignal.none())) {
            steps.add(step(burnArgv(burn), output, voiceSeconds));
        }
        OptionalLong peak = steps.stream().map(FfmpegRunner.Output::peakRssBytes)
                .filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).max();
        return new Result(Duration.ofNanos(System.nanoTime() - started), output, peak);
    }

    private FfmpegRunner.Output step(List<String> argv, Path output, double seconds) {
        return runner.runReportingProgress(argv, output, seconds, fraction -> { }, CancelSignal.none(), STEP_TIMEOUT);
    }

    /** The concat demuxer's list: each path single-quoted, a quote inside written as {@code '\''}. */
    static String concatList(List<Path> wavs) {
        return wavs.stream()
                .map(p -> "file '" + p.toAbsolutePath().toString().replace("'", "'\\''") + "'\n")
                .collect(Collectors.joining());
    }

    static List<String> concatArgv(Path list, Path voice) {
        List<String> argv = FfmpegCommand.encodePrefix();
        argv.addAll(List.of("-f", "concat", "-safe", "0", "-i", list.toString(), "-c", "copy", voice.toString()));
        return argv;
    }

    static List<String> mixArgv(Path voice, Path music, double voiceSeconds, Path mixed) {
        double fadeOut = Math.min(2, voiceSeconds / 2);
        List<String> argv = FfmpegCommand.encodePrefix();
        argv.addAll(List.of("-i", voice.toString(), "-stream_loop", "-1", "-i", music.toString(),
                "-filter_complex", "[1:a]volume=0.2,afade=t=out:st=" + FfmpegCommand.num(voiceSeconds - fadeOut)
                        + ":d=" + FfmpegCommand.num(fadeOut) + "[m];[0:a][m]amix=inputs=2:duration=first[a]",
                "-map", "[a]", "-c:a", "pcm_s16le", mixed.toString()));
        return argv;
    }

    /** Input 0 is the mixed audio and input 1 the base, the same numbering {@link FfmpegCommand} uses for the picture. */
    static List<String> burnArgv(RenderSpec spec) {
        List<String> argv = FfmpegCommand.encodePrefix();
        argv.addAll(List.of("-i", spec.voiceWav().toString()));
        argv.addAll(FfmpegCommand.baseInput(spec));
        argv.addAll(List.of("-filter_complex", FfmpegCommand.videoGraph(spec),
                "-map", "[vout]", "-map", "0:a", "-t", FfmpegCommand.num(spec.totalSeconds())));
        argv.addAll(FfmpegCommand.videoCodec(spec));
        argv.addAll(List.of("-c:a", "aac", "-b:a", "160k", "-movflags", "+faststart", spec.output().toString()));
        return argv;
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new NarratorException(ErrorCode.INTERNAL, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
