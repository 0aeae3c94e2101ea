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
import java.util.function.DoubleConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.CancelSignal;

/**
 * Draws segments on this machine, {@code parallelism} at once, each FFmpeg getting its share of the encoder
 * threads ({@code max(1, threads / parallelism)}; 0, FFmpeg's own choice, stays 0). A segment that fails is
 * tried once more on its own; if it fails again, or on cancel, every running FFmpeg is killed at once and no
 * segment file is left.
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

    @Override
    public List<Path> renderAll(List<Segment> segments, DoubleConsumer progress, CancelSignal cancel) {
        CancelSignal stopAll = new CancelSignal();
        AutoCloseable hook = cancel.onCancel(stopAll::cancel);
        Progress shares = new Progress(segments, progress);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, Math.max(1, segments.size())));
        try {
            List<Future<Path>> running = new ArrayList<>();
            for (int i = 0; i < segments.size(); i++) {
                Segment segment = withThreadShare(segments.get(i));
                int slot = i;
                running.add(pool.submit(() -> renderWithRetry(segment, f -> shares.set(slot, f), stopAll)));
            }
            return collect(running, segments, stopAll);
        } finally {
            pool.shutdownNow();
            close(hook);
        }
    }

    private Segment withThreadShare(Segment segment) {
        int threads = segment.spec().encoding().threads();
        int share = threads == 0 ? 0 : Math.max(1, threads / parallelism);
        return new Segment(segment.index(), segment.startFrame(), segment.endFrame(),
                segment.spec().toBuilder().threads(share).build());
    }

    private Path renderWithRetry(Segment segment, DoubleConsumer progress, CancelSignal stopAll) {
        try {
            return renderer.render(segment, progress, stopAll);
        } catch (NarratorException e) {
            if (e.code() == ErrorCode.CANCELLED || stopAll.isCancelled()) {
                throw e;
            }
            LOG.warn("segment {} failed, trying it once more: {}", segment.index(), e.getMessage());
            return renderer.render(segment, progress, stopAll);
        }
    }

    /** Every segment's file in order; on the first failure, stops the rest, removes all files and rethrows. */
    private static List<Path> collect(List<Future<Path>> running, List<Segment> segments, CancelSignal stopAll) {
        List<Path> done = new ArrayList<>();
        RuntimeException failure = null;
        for (Future<Path> future : running) {
            try {
                done.add(future.get());
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
        return List.copyOf(done);
    }

    /** The share of all segments' frames drawn, from each segment's own share. */
    private static final class Progress {
        private final long[] frames;
        private final double[] shares;
        private final long total;
        private final DoubleConsumer sink;

        Progress(List<Segment> segments, DoubleConsumer sink) {
            this.frames = segments.stream().mapToLong(Segment::frames).toArray();
            this.shares = new double[frames.length];
            this.total = Math.max(1, java.util.Arrays.stream(frames).sum());
            this.sink = sink;
        }

        // Never backwards: a retried segment counts from where its first try got.
        synchronized void set(int segment, double share) {
            shares[segment] = Math.max(shares[segment], share);
            double drawn = 0;
            for (int i = 0; i < frames.length; i++) {
                drawn += shares[i] * frames[i];
            }
            sink.accept(drawn / total);
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
