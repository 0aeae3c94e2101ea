package narrator.pipeline.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleConsumer;
import java.util.function.LongConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.CancelSignal;

/**
 * Draws a plan's segments on this machine as {@code min(parallelism, segments)} spans of consecutive segments of
 * about equal frames, one FFmpeg each, all at once: one at a time, a span of every segment costs one process
 * start, one seek and one encoder warm-up, as a one-pass render does. Each FFmpeg gets its share of the encoder
 * threads ({@code max(1, threads / parallelism)}; 0, FFmpeg's own choice, stays 0). When a span fails, its
 * segments not yet drawn are tried once more as one span; if that fails too, or on cancel, every running FFmpeg
 * is killed at once and no segment file is left.
 */
public final class LocalSegmentExecutor implements SegmentExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(LocalSegmentExecutor.class);

    private final SegmentRenderer renderer;
    private final int parallelism;

    public LocalSegmentExecutor(SegmentRenderer renderer, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        this.renderer = Objects.requireNonNull(renderer);
        this.parallelism = parallelism;
    }

    /** Positions {@code from} to {@code to} (both included) of a plan's segments. */
    record Run(int from, int to) {
    }

    @Override
    public List<Path> renderAll(SegmentPlan plan, DoubleConsumer progress, CancelSignal cancel) {
        List<Segment> segments = plan.segments();
        List<Run> runs = runs(segments.stream().map(Segment::frames).toList(), Math.min(parallelism, segments.size()));
        CancelSignal stopAll = new CancelSignal();
        AutoCloseable hook = cancel.onCancel(stopAll::cancel);
        Progress drawn = new Progress(runs.size(), segments.stream().mapToLong(Segment::frames).sum(), progress);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, runs.size()));
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                Run run = runs.get(i);
                int slot = i;
                running.add(pool.submit(() -> drawWithRetry(plan, run, frames -> drawn.set(slot, frames), stopAll)));
            }
            collect(running, segments, stopAll);
            return segments.stream().map(s -> s.spec().output()).toList();
        } finally {
            pool.shutdownNow();
            close(hook);
        }
    }

    /**
     * {@code count} runs of consecutive positions covering all of {@code frames} (each segment's frames), none
     * empty, each ending where the frames drawn so far come nearest to an equal share of the total. Pure.
     */
    static List<Run> runs(List<Long> frames, int count) {
        long total = frames.stream().mapToLong(Long::longValue).sum();
        List<Run> runs = new ArrayList<>();
        int from = 0;
        long end = 0;
        for (int r = 1; r < count; r++) {
            double target = (double) total * r / count;
            int to = from;
            end += frames.get(from);
            // Leave at least one segment for each run still to come.
            while (to + 1 <= frames.size() - 1 - (count - r)
                    && Math.abs(end + frames.get(to + 1) - target) < Math.abs(end - target)) {
                to++;
                end += frames.get(to);
            }
            runs.add(new Run(from, to));
            from = to + 1;
        }
        runs.add(new Run(from, frames.size() - 1));
        return List.copyOf(runs);
    }

    /** Draws a run as one span; if it fails, its segments not yet drawn once more as one span. */
    private void drawWithRetry(SegmentPlan plan, Run run, LongConsumer framesDrawn, CancelSignal stopAll) {
        AtomicInteger next = new AtomicInteger(run.from()); // the first position not drawn yet
        try {
            drawRest(plan, run, next, framesDrawn, stopAll);
        } catch (NarratorException e) {
            if (e.code() == ErrorCode.CANCELLED || stopAll.isCancelled()) {
                throw e;
            }
            LOG.warn("segments {} to {} failed at {}, drawing the rest once more: {}", run.from(), run.to(),
                    next.get(), e.getMessage());
            drawRest(plan, run, next, framesDrawn, stopAll);
        }
    }

    /** Draws the run's positions from {@code next} on as one span, moving {@code next} past each one drawn. */
    private void drawRest(SegmentPlan plan, Run run, AtomicInteger next, LongConsumer framesDrawn, CancelSignal stopAll) {
        SegmentSpan span = plan.span(next.get(), run.to());
        long before = span.startFrame() - plan.segments().get(run.from()).startFrame();
        int threads = span.spec().encoding().threads();
        RenderSpec.Encoding share = span.spec().toBuilder().threads(threads == 0 ? 0 : Math.max(1, threads / parallelism))
                .build().encoding();
        renderer.render(span.withEncoding(share), s -> next.incrementAndGet(),
                f -> framesDrawn.accept(before + Math.round(f * span.frames())), stopAll);
    }

    /** Waits for every run; on the first failure, stops the rest, removes all files and rethrows. */
    private static void collect(List<Future<?>> running, List<Segment> segments, CancelSignal stopAll) {
        RuntimeException failure = null;
        for (Future<?> future : running) {
            try {
                future.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r
                            : new NarratorException(ErrorCode.INTERNAL, "segment failed: " + e.getCause(), e.getCause());
                    stopAll.cancel();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopAll.cancel();
                failure = new NarratorException(ErrorCode.CANCELLED, "The job was cancelled");
            }
        }
        if (failure != null) {
            segments.forEach(s -> deleteQuietly(s.spec().output()));
            throw failure;
        }
    }

    /** The share of all frames drawn, from the frames each run has drawn. */
    private static final class Progress {
        private final long[] frames;
        private final long total;
        private final DoubleConsumer sink;

        Progress(int runs, long total, DoubleConsumer sink) {
            this.frames = new long[runs];
            this.total = Math.max(1, total);
            this.sink = sink;
        }

        // Never backwards: a retried run counts from where its first try got.
        synchronized void set(int run, long drawn) {
            frames[run] = Math.max(frames[run], drawn);
            sink.accept((double) java.util.Arrays.stream(frames).sum() / total);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("could not delete segment {}", file, e);
        }
    }

    private static void close(AutoCloseable hook) {
        try {
            hook.close();
        } catch (Exception e) {
            LOG.warn("could not remove a cancel hook", e);
        }
    }
}
