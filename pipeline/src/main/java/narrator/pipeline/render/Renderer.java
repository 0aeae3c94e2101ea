package narrator.pipeline.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.DoubleConsumer;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import narrator.core.NarratorException;
import narrator.pipeline.CancelSignal;
import narrator.pipeline.ProgressListener;
import narrator.pipeline.Stage;

/**
 * Renders a spec in one FFmpeg pass, or in segments ({@link #levelAndEncodeSegments}), after
 * {@link LoudnessLeveler} has measured the audio mix and set its gain (unless the spec asks for
 * {@code loudnorm}). When NVENC was chosen but cannot be opened at render time (the driver went away, all
 * sessions taken), the render is retried once with libx264 rather than failed.
 */
public final class Renderer {
    private static final Logger LOG = LoggerFactory.getLogger(Renderer.class);

    /** The share of {@link Stage#RENDERING} progress given to the loudness measurement before the encode. */
    static final double LEVELING_SHARE = 0.05;
    /** In a segmented render, the shares of the audio encode and of the join; the segments get the rest. */
    static final double AUDIO_SHARE = 0.05;
    static final double JOIN_SHARE = 0.05;
    static final String REENCODED_JOIN = "The video's segments could not be joined as they were, so they were"
            + " joined by encoding them again (slower, one more generation of compression)";

    private final FfmpegRunner runner;
    private final LoudnessLeveler leveler;
    private final MediaProbe probe;
    private final Duration timeout;

    /** {@code timeout} bounds one FFmpeg run; past it the render fails with TIMEOUT. */
    public Renderer(FfmpegRunner runner, Duration timeout) {
        this.runner = Objects.requireNonNull(runner);
        this.leveler = new LoudnessLeveler(new LoudnessMeter(runner));
        this.probe = new MediaProbe(runner);
        this.timeout = Objects.requireNonNull(timeout);
    }

    /** How long one FFmpeg run may take. */
    public Duration timeout() {
        return timeout;
    }

    /**
     * The result's wall time covers the loudness measurement too; its encode fps only the encode.
     * {@link Stage#RENDERING} progress covers both: the measurement is its first
     * {@value #LEVELING_SHARE} (when there is one), the encode the rest, so a long narration is never
     * silent while its mix is measured.
     */
    public RenderResult levelAndEncode(RenderSpec spec, ProgressListener listener, CancelSignal cancel) {
        long started = System.nanoTime();
        double encodeFrom = spec.audio().leveling() instanceof Leveling.Loudnorm ? 0 : LEVELING_SHARE;
        RenderSpec leveled = level(spec, f -> listener.progress(Stage.RENDERING, f * encodeFrom), cancel);
        cancel.throwIfCancelled();
        DoubleConsumer encodeProgress = f -> listener.progress(Stage.RENDERING, encodeFrom + f * (1 - encodeFrom));
        return withNvencFallback(leveled, s -> once(s, started, encodeProgress, cancel));
    }

    /** {@code encode(spec)}, or {@code encode} with libx264 when the spec's NVENC cannot be opened. */
    static <T> T withNvencFallback(RenderSpec spec, Function<RenderSpec, T> encode) {
        try {
            return encode.apply(spec);
        } catch (ProcessFailure e) {
            if (spec.encoding().encoder() != Encoder.NVENC || !EncoderDetector.isNvencUnavailable(e)) {
                throw e;
            }
            LOG.warn("h264_nvenc could not be opened; rendering {} with libx264 instead: {}",
                    spec.output().getFileName(), e.getMessage());
            return encode.apply(spec.withEncoder(Encoder.LIBX264));
        }
    }

    /**
     * The segmented render of {@code spec}: the mix leveled once and encoded alone for the whole video (so
     * no join can click), the {@code segments} drawn by {@code executor}, then joined by stream copy and muxed
     * with the sound. Segments that differ in their encoding (or a copy join that fails) are joined by
     * encoding them again, which the result's warnings say. {@link Stage#RENDERING} progress covers it all.
     * Every intermediate file is removed, whatever happens.
     */
    public RenderResult levelAndEncodeSegments(RenderSpec spec, List<Segment> segments, SegmentExecutor executor,
                                               ProgressListener listener, CancelSignal cancel) {
        long started = System.nanoTime();
        double levelShare = spec.audio().leveling() instanceof Leveling.Loudnorm ? 0 : LEVELING_SHARE;
        double segmentsFrom = levelShare + AUDIO_SHARE;
        double segmentsShare = 1 - segmentsFrom - JOIN_SHARE;
        RenderSpec leveled = level(spec, f -> listener.progress(Stage.RENDERING, f * levelShare), cancel);
        Path audio = beside(spec.output(), ".audio.m4a");
        List<Path> files = List.of();
        try {
            runner.runReportingProgress(FfmpegCommand.audio(leveled, audio), audio, spec.totalSeconds(),
                    f -> listener.progress(Stage.RENDERING, levelShare + f * AUDIO_SHARE), cancel, timeout);
            long drawing = System.nanoTime();
            files = executor.renderAll(segments, f -> listener.progress(Stage.RENDERING, segmentsFrom
                    + f * segmentsShare), cancel);
            double seconds = Math.max((System.nanoTime() - drawing) / 1e9, 1e-3);
            List<String> warnings = join(leveled, files, audio, f -> listener.progress(Stage.RENDERING,
                    1 - JOIN_SHARE + f * JOIN_SHARE), cancel);
            return new RenderResult(spec.output(), Duration.ofNanos(System.nanoTime() - started),
                    FfmpegCommand.frames(spec) / seconds, OptionalLong.empty(), spec.encoding().encoder(), warnings);
        } finally {
            deleteQuietly(audio);
            files.forEach(Renderer::deleteQuietly);
            segments.forEach(s -> deleteQuietly(s.spec().output()));
        }
    }

    /** The segments and the sound into the spec's output; the warnings say if it took the re-encoding join. */
    private List<String> join(RenderSpec spec, List<Path> files, Path audio, DoubleConsumer onProgress,
                              CancelSignal cancel) {
        Path list = beside(spec.output(), ".segments.ffconcat");
        try {
            Files.writeString(list, FfmpegCommand.concatListText(files), StandardCharsets.UTF_8);
            Set<String> encodings = new LinkedHashSet<>();
            files.forEach(f -> encodings.add(probe.videoSignature(f, cancel)));
            if (encodings.size() == 1) {
                try {
                    runner.runReportingProgress(FfmpegCommand.copyJoin(list, audio, spec.output()), spec.output(),
                            spec.totalSeconds(), onProgress, cancel, timeout);
                    return List.of();
                } catch (ProcessFailure e) {
                    LOG.warn("joining the segments of {} by stream copy failed; encoding them again: {}",
                            spec.output().getFileName(), e.getMessage());
                }
            } else {
                LOG.warn("the segments of {} differ in their encoding ({}); joining them by encoding them again",
                        spec.output().getFileName(), encodings);
            }
            runner.runReportingProgress(FfmpegCommand.reencodeJoin(files, audio, spec), spec.output(),
                    spec.totalSeconds(), onProgress, cancel, timeout);
            return List.of(REENCODED_JOIN);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + list, e);
        } finally {
            deleteQuietly(list);
        }
    }

    private static Path beside(Path output, String suffix) {
        return output.resolveSibling(output.getFileName() + suffix);
    }

    private RenderSpec level(RenderSpec spec, DoubleConsumer onProgress, CancelSignal cancel) {
        if (spec.audio().leveling() instanceof Leveling.Loudnorm) {
            return spec;
        }
        try {
            return leveler.level(spec, onProgress, cancel);
        } catch (NarratorException e) {
            // Unreadable audio fails here, before the encode: still leave no stale output behind.
            deleteQuietly(spec.output());
            throw e;
        }
    }

    private static void deleteQuietly(Path output) {
        try {
            Files.deleteIfExists(output);
        } catch (IOException e) {
            LOG.warn("could not delete stale output {}", output, e);
        }
    }

    private RenderResult once(RenderSpec spec, long started, DoubleConsumer onProgress, CancelSignal cancel) {
        FfmpegRunner.Output run;
        try (BaseLoop loop = BaseLoop.write(probe, spec, cancel)) {
            run = runner.runReportingProgress(FfmpegCommand.onePass(spec), spec.output(), spec.totalSeconds(),
                    onProgress, cancel, timeout);
        }
        double seconds = Math.max(run.wall().toNanos() / 1e9, 1e-3);
        return new RenderResult(spec.output(), Duration.ofNanos(System.nanoTime() - started),
                FfmpegCommand.frames(spec) / seconds, run.peakRssBytes(), spec.encoding().encoder(), List.of());
    }
}
