package narrator.pipeline.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.CancelSignal;

/**
 * Draws a span of consecutive segments with one FFmpeg ({@link FfmpegCommand#segment}): each segment's file is
 * moved to {@code segment.spec().output()} and reported as soon as FFmpeg has closed it, which it does before it
 * opens the next one. A looping base's list is written beside the first output for the run and removed after.
 * NVENC that cannot be opened falls back to libx264 as in {@link Renderer}. A failed, cancelled or timed-out run
 * leaves the segments already reported (their files are the caller's) and no file of the others.
 */
public final class SegmentRenderer {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentRenderer.class);

    private final FfmpegRunner runner;
    private final MediaProbe probe;
    private final Duration timeout;

    /** {@code timeout} bounds one span's FFmpeg run. */
    public SegmentRenderer(FfmpegRunner runner, Duration timeout) {
        this.runner = Objects.requireNonNull(runner);
        this.probe = new MediaProbe(runner);
        this.timeout = Objects.requireNonNull(timeout);
    }

    /**
     * Draws every segment of {@code span}; {@code drawn} gets each one, in order, once its file is complete at its
     * output (on FFmpeg's progress thread, which it holds up: keep it short, or on this one for the last); {@code progress} gets the share (0 to 1) of
     * the span's frames drawn.
     */
    public void render(SegmentSpan span, Consumer<Segment> drawn, DoubleConsumer progress, CancelSignal cancel) {
        Path dir = FfmpegCommand.spanDir(span);
        Finished finished = new Finished(span, drawn);
        try (BaseLoop loop = BaseLoop.write(probe, span.spec(), cancel)) {
            deleteRecursively(dir); // an earlier attempt's files
            Files.createDirectories(dir);
            Renderer.withNvencFallback(span.spec(), s -> runner.runReportingProgress(
                    FfmpegCommand.segment(span.withEncoding(s.encoding())), null,
                    (double) span.frames() / s.picture().fps(), f -> {
                        finished.reportClosed();
                        progress.accept(f);
                    }, cancel, timeout));
            finished.reportAll();
        } catch (IOException e) {
            finished.removeUnreported();
            throw new UncheckedIOException("cannot prepare " + dir, e);
        } catch (RuntimeException e) {
            finished.removeUnreported();
            throw e;
        } finally {
            deleteRecursively(dir);
        }
    }

    /** The span's segments reported so far; FFmpeg writes them in order, so they are always its first ones. */
    private static final class Finished {
        private final SegmentSpan span;
        private final Consumer<Segment> drawn;
        private int reported;

        Finished(SegmentSpan span, Consumer<Segment> drawn) {
            this.span = span;
            this.drawn = drawn;
        }

        /** Reports each segment whose file FFmpeg has closed: those followed by a file of their own. */
        synchronized void reportClosed() {
            while (reported + 1 < span.segments().size() && Files.exists(FfmpegCommand.spanFile(span, reported + 1))) {
                report();
            }
        }

        /** After FFmpeg exited well: every file is closed. */
        synchronized void reportAll() {
            while (reported < span.segments().size()) {
                if (!Files.exists(FfmpegCommand.spanFile(span, reported))) {
                    throw new NarratorException(ErrorCode.RENDER_FAILED, "FFmpeg wrote " + reported + " of the "
                            + span.segments().size() + " segments of frames " + span.startFrame() + "-" + span.endFrame());
                }
                report();
            }
        }

        private void report() {
            Segment segment = span.segments().get(reported);
            try {
                Files.move(FfmpegCommand.spanFile(span, reported), segment.spec().output(),
                        StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot move segment " + segment.index() + " to its output", e);
            }
            reported++;
            drawn.accept(segment);
        }

        /** Leaves no output of a segment not reported, such as a stale one from an earlier attempt. */
        synchronized void removeUnreported() {
            span.segments().subList(reported, span.segments().size()).forEach(s -> deleteQuietly(s.spec().output()));
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(SegmentRenderer::deleteQuietly);
        } catch (IOException e) {
            LOG.warn("could not remove {}", dir, e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("could not delete {}", file, e);
        }
    }
}
