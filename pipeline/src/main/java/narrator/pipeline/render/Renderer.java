package narrator.pipeline.render;

import java.time.Duration;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import narrator.core.NarratorException;
import narrator.pipeline.CancelSignal;
import narrator.pipeline.ProgressListener;

/**
 * Renders a spec in one FFmpeg pass. When NVENC was chosen but cannot be opened at render time (the
 * driver went away, all sessions taken), the render is retried once with libx264 rather than failed.
 */
public final class Renderer {
    private static final Logger LOG = LoggerFactory.getLogger(Renderer.class);

    private final FfmpegRunner runner;
    private final Duration timeout;

    /** {@code timeout} bounds one FFmpeg run; past it the render fails with TIMEOUT. */
    public Renderer(FfmpegRunner runner, Duration timeout) {
        this.runner = Objects.requireNonNull(runner);
        this.timeout = Objects.requireNonNull(timeout);
    }

    public RenderResult render(RenderSpec spec, ProgressListener listener, CancelSignal cancel) {
        try {
            return once(spec, listener, cancel);
        } catch (NarratorException e) {
            if (spec.encoder() != Encoder.NVENC || !EncoderDetector.isNvencUnavailable(e)) {
                throw e;
            }
            LOG.warn("h264_nvenc could not be opened; rendering {} with libx264 instead: {}",
                    spec.output().getFileName(), e.getMessage());
            return once(spec.withEncoder(Encoder.LIBX264), listener, cancel);
        }
    }

    private RenderResult once(RenderSpec spec, ProgressListener listener, CancelSignal cancel) {
        FfmpegRunner.Output run = runner.render(FfmpegCommand.render(spec), spec.output(), spec.totalSeconds(),
                listener, cancel, timeout);
        double seconds = Math.max(run.wall().toNanos() / 1e9, 1e-3);
        return new RenderResult(spec.output(), run.wall(), FfmpegCommand.frames(spec) / seconds,
                run.peakRssBytes(), spec.encoder());
    }
}
