package narrator.app.segments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import narrator.app.jobs.WorkDirs;
import narrator.app.jobs.WorkSlots;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.CancelSignal;
import narrator.pipeline.render.Segment;
import narrator.pipeline.render.SegmentSpan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draws other jobs' segments on a node of a cluster: each thread, holding one of the node's work slots (shared with
 * the jobs it runs, so MAX_CONCURRENT_JOBS still bounds the heavy work on the node), claims a queued segment of any
 * job still wanted, fetches the inputs its row names from the shared store, draws it, stores the file and marks it
 * done. Idle threads wake on the manifest's doorbell (NOTIFY from other nodes) or every poll. A heartbeat thread
 * keeps the segments drawn here fresh and stops any that is no longer this worker's or whose job was cancelled or
 * ended. A draw that fails goes back to the queue (or fails its job once out of attempts); one stopped by a close
 * gives its attempt back; one whose node dies goes stale and is requeued by the job's node, its attempt counted.
 */
final class SegmentWorker {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentWorker.class);

    private final Segments node;
    private final WorkSlots slots;
    private final int threads;
    private final Path workRoot;
    private final Map<String, Drawing> drawing = new ConcurrentHashMap<>();
    private final List<Thread> workers = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "narrator-segments-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    private record Drawing(SegmentRow row, String workerId, CancelSignal signal) {
    }

    SegmentWorker(Segments node, WorkSlots slots, int threads, Path workRoot) {
        this.node = node;
        this.slots = slots;
        this.threads = threads;
        this.workRoot = workRoot;
    }

    void start() {
        for (int i = 1; i <= threads; i++) {
            String workerId = node.processPrefix() + "seg-" + i;
            Thread thread = new Thread(() -> work(workerId), "narrator-segments-" + workerId);
            thread.setDaemon(true);
            workers.add(thread);
            thread.start();
        }
        long every = node.settings().heartbeatEvery().toMillis();
        heartbeats.scheduleWithFixedDelay(this::heartbeatOnce, every, every, TimeUnit.MILLISECONDS);
    }

    private void work(String workerId) {
        long every = node.settings().heartbeatEvery().toMillis();
        while (!closed.get()) {
            long seen = node.bell().rings();
            boolean drew = false;
            try {
                if (slots.take(java.time.Duration.ofMillis(every))) {
                    try {
                        drew = drawOnce(workerId);
                    } finally {
                        slots.give();
                    }
                }
                if (!drew) {
                    node.bell().await(seen, java.time.Duration.ofSeconds(1));
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("segment worker {} failed", workerId, e);
            }
        }
    }

    /** Claims and draws one segment; false when none was queued. */
    boolean drawOnce(String workerId) {
        Optional<SegmentRow> claimed = node.store().claimAny(node.settings().nodeId(), workerId);
        if (claimed.isEmpty()) {
            return false;
        }
        SegmentRow row = claimed.get();
        CancelSignal signal = new CancelSignal();
        drawing.put(workerId, new Drawing(row, workerId, signal));
        Path dir = workRoot.resolve("segment-" + row.jobId() + "-" + row.index() + "-" + row.attempts());
        try {
            if (closed.get()) {
                signal.cancel();
            }
            Files.createDirectories(dir);
            Map<String, Path> inputs = new HashMap<>();
            for (String name : node.codec().references(row.specJson())) {
                signal.throwIfCancelled();
                Path file = dir.resolve(name);
                node.files().get(node.keys().segmentInput(row.jobId(), name), file, signal);
                inputs.put(name, file);
            }
            Segment segment = node.codec().read(row.specJson(), inputs::get, dir.resolve("voice.wav"),
                    dir.resolve("segment-" + row.index() + ".mp4"));
            LOG.info("drawing segment {} of job {} (attempt {})", row.index(), row.jobId(), row.attempts());
            node.drawer().draw(SegmentSpan.of(segment), s -> { }, f -> { }, signal);
            node.storeDrawn(row, segment.spec().output(), workerId);
        } catch (IOException e) {
            fail(row, workerId, signal, new NarratorException(ErrorCode.INTERNAL, "cannot prepare a segment's work "
                    + "directory", new UncheckedIOException(e)));
        } catch (RuntimeException e) {
            fail(row, workerId, signal, e instanceof NarratorException n ? n
                    : new NarratorException(ErrorCode.INTERNAL, "segment " + row.index() + " failed", e));
        } finally {
            drawing.remove(workerId);
            WorkDirs.deleteRecursively(dir);
        }
        return true;
    }

    /** A failure of the draw itself counts; one because it was told to stop (cancel, lost, close) does not. */
    private void fail(SegmentRow row, String workerId, CancelSignal signal, NarratorException failure) {
        if (signal.isCancelled()) {
            node.store().release(row.jobId(), row.index(), workerId);
            return;
        }
        LOG.warn("segment {} of job {} failed (attempt {}): {}", row.index(), row.jobId(), row.attempts(),
                failure.getMessage());
        node.store().failed(row.jobId(), row.index(), workerId, failure.code(), failure.getMessage(),
                node.settings().maxAttempts());
    }

    private void heartbeatOnce() {
        try {
            for (Drawing draw : drawing.values()) {
                if (!node.store().heartbeat(draw.row().jobId(), draw.row().index(), draw.workerId())) {
                    LOG.info("segment {} of job {}: no longer wanted here; stopping it", draw.row().index(),
                            draw.row().jobId());
                    draw.signal().cancel();
                }
            }
        } catch (RuntimeException e) {
            LOG.error("segment heartbeats failed", e);
        }
    }

    /** Stops the draws (their segments go back to the queue) and waits a little for the threads. */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        node.bell().ring();
        drawing.values().forEach(draw -> draw.signal().cancel());
        for (Thread worker : workers) {
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        heartbeats.shutdownNow();
    }
}
