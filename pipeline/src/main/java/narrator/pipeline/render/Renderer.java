package narrator.pipeline.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import narrator.core.NarratorException;
import narrator.pipeline.CancelSignal;
import narrator.pipeline.ProgressListener;
import narrator.pipeline.Stage;

/**
 * Renders a spec in one FFmpeg pass, after {@link LoudnessLeveler} has measured the audio mix and set
 * its gain (unless the spec asks for {@code loudnorm}). When NVENC was chosen but cannot be opened at render time (the
 * driver went away, all sessions taken), the render is retried once with libx264 rather than failed.
 */
public final class Renderer {
    private static final Logger LOG = LoggerFactory.getLogger(Renderer.class);

    /** The share of {@link Stage#RENDERING} progress given to the loudness measurement before the encode. */
    static final double LEVELING_SHARE = 0.05;

    private final FfmpegRunner runner;
    private final LoudnessLeveler leveler;
    private final Duration timeout;

    /** {@code timeout} bounds one FFmpeg run; past it the render fails with TIMEOUT. */
    public Renderer(FfmpegRunner runner, Duration timeout) {
        this.runner = Objects.requireNonNull(runner);
        this.leveler = new LoudnessLeveler(new LoudnessMeter(runner));
        this.timeout = Objects.requireNonNull(timeout);
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
        try {
            return once(leveled, started, encodeProgress, cancel);
        } catch (ProcessFailure e) {
            if (spec.encoding().encoder() != Encoder.NVENC || !EncoderDetector.isNvencUnavailable(e)) {
                throw e;
            }
            LOG.warn("h264_nvenc could not be opened; rendering {} with libx264 instead: {}",
                    spec.output().getFileName(), e.getMessage());
            return once(leveled.withEncoder(Encoder.LIBX264), started, encodeProgress, cancel);
        }
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
        FfmpegRunner.Output run = runner.runReportingProgress(FfmpegCommand.onePass(spec), spec.output(),
                spec.totalSeconds(), onProgress, cancel, timeout);
        double seconds = Math.max(run.wall().toNanos() / 1e9, 1e-3);
        return new RenderResult(spec.output(), Duration.ofNanos(System.nanoTime() - started),
                FfmpegCommand.frames(spec) / seconds, run.peakRssBytes(), spec.encoding().encoder());
    }
}
