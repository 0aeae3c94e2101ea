package narrator.pipeline.render;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleConsumer;

import narrator.pipeline.CancelSignal;

/**
 * Draws one segment with FFmpeg ({@link FfmpegCommand#segment}) into {@code segment.spec().output()}; a looping
 * base's list is written beside it for the run and removed after. NVENC that cannot be opened falls back to
 * libx264 as in {@link Renderer}. A failed, cancelled or timed-out run leaves no file.
 */
public final class SegmentRenderer {
    private final FfmpegRunner runner;
    private final MediaProbe probe;
    private final Duration timeout;

    /** {@code timeout} bounds one segment's FFmpeg run. */
    public SegmentRenderer(FfmpegRunner runner, Duration timeout) {
        this.runner = Objects.requireNonNull(runner);
        this.probe = new MediaProbe(runner);
        this.timeout = Objects.requireNonNull(timeout);
    }

    /** {@code progress} gets the share (0 to 1) of the segment's frames drawn. */
    public Path render(Segment segment, DoubleConsumer progress, CancelSignal cancel) {
        RenderSpec spec = segment.spec();
        try (BaseLoop loop = BaseLoop.write(probe, spec, cancel)) {
            Renderer.withNvencFallback(spec, s -> runner.runReportingProgress(FfmpegCommand.segment(
                    new Segment(segment.index(), segment.startFrame(), segment.endFrame(), s)), s.output(),
                    (double) segment.frames() / s.picture().fps(), progress, cancel, timeout));
        }
        return spec.output();
    }
}
