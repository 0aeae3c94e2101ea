package narrator.app.segments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleConsumer;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.CancelSignal;
import narrator.pipeline.render.RenderSpec;
import narrator.pipeline.render.Segment;
import narrator.pipeline.render.SegmentExecutor;
import narrator.pipeline.render.SegmentPlan;
import narrator.pipeline.render.SegmentSpan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draws one execution's segments through the manifest. It records the plan (segments already done by an earlier
 * execution, with the same fingerprint and their file still stored, are kept and not drawn again), then claims
 * the job's queued segments as spans of consecutive ones, each drawn by one FFmpeg, up to {@code parallelism}
 * spans at once on this node, encoder threads divided between them; in a cluster, idle workers of other nodes
 * claim the rest ({@link SegmentWorker}), from inputs this executor uploaded. Each segment's file is stored and
 * its segment marked done as soon as FFmpeg has closed it, so a crash mid-span keeps the segments finished. A
 * failure charges the segment being drawn (back to the queue alone until it has used its attempts, when the job
 * fails with its error) and gives the rest of its span back. Its own thread heartbeats the segments drawn here,
 * requeues those whose worker died, reports progress (frames done / all frames) and wakes on the manifest's
 * doorbell. A cancel stops every draw at once; a draw stopped otherwise (a shutdown) gives its segments' attempts
 * back, and their rows stay for the next execution. One instance serves one {@link #renderAll}.
 */
final class ManifestSegmentExecutor implements SegmentExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(ManifestSegmentExecutor.class);

    private final String jobId;
    private final Path workDir;
    private final Segments node;
    private final SegmentStore store;
    private final Segments.Settings settings;
    private final ContentNames names = new ContentNames();
    /** The spans drawn on this node now, by worker id. */
    private final Map<String, Draw> drawing = new ConcurrentHashMap<>();
    /** The files of the segments this execution drew and marked done, by index. */
    private final Map<Integer, Path> drawnHere = new ConcurrentHashMap<>();
    private final ExecutorService draws;
    /** Stores each segment FFmpeg has closed, so that the upload does not hold FFmpeg up. */
    private final ExecutorService storing;

    ManifestSegmentExecutor(String jobId, Path workDir, Segments node) {
        this.jobId = jobId;
        this.workDir = workDir;
        this.node = node;
        this.store = node.store();
        this.settings = node.settings();
        this.draws = Executors.newFixedThreadPool(settings.parallelism(), daemon("narrator-segments-" + jobId));
        this.storing = Executors.newSingleThreadExecutor(daemon("narrator-segments-store-" + jobId));
    }

    /**
     * A span drawn on this node now, by worker {@code workerId}: its rows, in order, the indexes of those FFmpeg has
     * finished ({@code reported}) and of those then stored (or found to be another worker's); {@code fraction} is
     * the share of its frames drawn.
     */
    private record Draw(List<SegmentRow> rows, String workerId, CancelSignal signal, Future<?> task,
                        AtomicReference<Double> fraction, Set<Integer> reported, Set<Integer> stored) {
        long frames() {
            return rows.stream().mapToLong(SegmentRow::frames).sum();
        }
    }

    /** The rows a span still owes: claimed, not stored yet. */
    private static List<SegmentRow> pending(List<SegmentRow> rows, Set<Integer> stored) {
        return rows.stream().filter(row -> !stored.contains(row.index())).toList();
    }

    @Override
    public List<Path> renderAll(SegmentPlan plan, DoubleConsumer progress, CancelSignal cancel) {
        record(plan.segments());
        int threadsEach = threadsEach(plan.segments().get(0).spec().encoding().threads());
        SegmentPlan threaded = new SegmentPlan(plan.segments().stream().map(s -> withThreads(s, threadsEach)).toList(),
                plan.windows());
        int workers = 0;
        double shown = 0;
        try {
            while (true) {
                long seen = node.bell().rings();
                for (Draw draw : List.copyOf(drawing.values())) {
                    if (draw.task().isDone()) {
                        drawing.remove(draw.workerId());
                    } else if (!heartbeat(draw)) {
                        draw.signal().cancel();
                    }
                }
                cancel.throwIfCancelled();
                store.requeueStale(jobId, settings.staleAfter(), settings.maxAttempts());
                SegmentStore.Summary summary = store.summary(jobId).orElseThrow(() -> new NarratorException(
                        ErrorCode.CANCELLED, "The job's segments were removed: it ended elsewhere"));
                for (SegmentRow row : summary.rows()) {
                    if (row.status() == SegmentRow.Status.FAILED) {
                        throw segmentFailed(row);
                    }
                }
                if (summary.done() == summary.total()) {
                    awaitDrawnHere(summary.rows());
                    progress.accept(1);
                    return files(summary.rows(), cancel);
                }
                int queued = (int) summary.rows().stream().filter(r -> r.status() == SegmentRow.Status.QUEUED).count();
                while (queued > 0 && drawing.size() < settings.parallelism()) {
                    String workerId = node.processPrefix() + "job-" + (++workers);
                    List<SegmentRow> span = store.claim(jobId, settings.nodeId(), workerId,
                            spanSize(queued, settings.parallelism() - drawing.size()));
                    if (span.isEmpty()) {
                        break;
                    }
                    queued -= span.size();
                    drawing.put(workerId, start(threaded, span, workerId, cancel));
                }
                shown = Math.max(shown, framesDrawn(summary) / (double) summary.framesTotal());
                progress.accept(shown);
                node.bell().await(seen, settings.heartbeatEvery());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NarratorException(ErrorCode.CANCELLED, "The job was interrupted");
        } finally {
            stop();
        }
    }

    /**
     * Heartbeats every segment of the span not stored yet. False when one that FFmpeg still draws is not this
     * draw's any more, or its job is no longer wanted; one being stored may turn done under this very check.
     */
    private boolean heartbeat(Draw draw) {
        boolean wanted = true;
        for (SegmentRow row : pending(draw.rows(), draw.stored())) {
            wanted &= store.heartbeat(jobId, row.index(), draw.workerId()) || draw.reported().contains(row.index());
        }
        return wanted;
    }

    /**
     * How many consecutive segments a free slot claims. On a node of its own, ceil(queued / free slots): its
     * slots would draw them one after another anyway, and one FFmpeg for a run of them saves a process start, a
     * seek and an encoder warm-up per segment. In a cluster one at a time, so that idle workers of other nodes
     * still find queued segments of the job to draw.
     */
    private int spanSize(int queued, int freeSlots) {
        return settings.shared() ? 1 : (queued + freeSlots - 1) / freeSlots;
    }

    /**
     * Frames done, plus those the spans in flight have drawn of segments not counted done yet. (A row's index is
     * its place in the manifest.)
     */
    private long framesDrawn(SegmentStore.Summary summary) {
        long frames = summary.framesDone();
        for (Draw draw : drawing.values()) {
            long countedDone = draw.rows().stream()
                    .filter(row -> summary.rows().get(row.index()).status() == SegmentRow.Status.DONE)
                    .mapToLong(SegmentRow::frames).sum();
            frames += Math.max(0, Math.round(draw.fraction().get() * draw.frames()) - countedDone);
        }
        return frames;
    }

    /**
     * Records the plan. In a cluster, every input a segment reads goes to the store first (each file once, named by
     * its content), so that the rows another node may claim name only what it can fetch.
     */
    private void record(List<Segment> segments) {
        List<Reconcile.Planned> planned = new ArrayList<>();
        Set<Path> inputs = new LinkedHashSet<>();
        for (Segment segment : segments) {
            String spec = node.codec().write(segment, names::of);
            // Encoder threads follow the node's parallelism; the picture does not.
            String fingerprint = ContentNames.sha256(node.codec().write(withThreads(segment, 0), names::of)
                    .getBytes(StandardCharsets.UTF_8));
            planned.add(new Reconcile.Planned(segment.index(), segment.startFrame(), segment.endFrame(), fingerprint,
                    settings.shared() ? spec : null));
            inputs.addAll(inputsOf(segment));
        }
        if (settings.shared()) {
            for (Path input : inputs) {
                String key = node.keys().segmentInput(jobId, names.of(input));
                if (!node.files().exists(key)) {
                    node.files().put(key, input, "application/octet-stream");
                }
            }
        }
        store.record(jobId, planned, node.files()::exists, settings.staleAfter(), node.nodePrefix(),
                node.processPrefix()).forEach(node::deleteQuietly);
    }

    private static List<Path> inputsOf(Segment segment) {
        RenderSpec.Picture picture = segment.spec().picture();
        List<Path> inputs = new ArrayList<>();
        if (picture.base().path() != null) {
            inputs.add(picture.base().path());
        }
        picture.scenes().scenes().forEach(scene -> inputs.add(scene.media().path()));
        if (picture.subtitles() != null) {
            inputs.add(picture.subtitles());
        }
        return inputs;
    }

    /**
     * Draws {@code rows} as one span of {@code plan}. Each segment FFmpeg closes is stored and marked done; when the
     * span stops early, {@link #gaveUp} settles the segments not stored.
     */
    private Draw start(SegmentPlan plan, List<SegmentRow> rows, String workerId, CancelSignal jobCancel) {
        SegmentSpan span = plan.span(rows.get(0).index(), rows.get(rows.size() - 1).index());
        CancelSignal signal = new CancelSignal();
        AtomicReference<Double> fraction = new AtomicReference<>(0.0);
        Set<Integer> reported = ConcurrentHashMap.newKeySet();
        Set<Integer> stored = ConcurrentHashMap.newKeySet();
        Future<?> task = draws.submit(() -> {
            List<Future<?>> stores = new CopyOnWriteArrayList<>();
            try (AutoCloseable link = jobCancel.onCancel(signal::cancel)) {
                try {
                    node.drawer().draw(span, segment -> {
                        SegmentRow row = rows.get(segment.index() - rows.get(0).index());
                        reported.add(row.index());
                        stores.add(storing.submit(() -> {
                            if (node.storeDrawn(row, segment.spec().output(), workerId)) {
                                drawnHere.put(row.index(), segment.spec().output());
                            }
                            stored.add(row.index());
                        }));
                    }, fraction::set, signal);
                } finally {
                    for (Future<?> file : stores) {
                        file.get();
                    }
                }
            } catch (Exception e) {
                gaveUp(pending(rows, stored), workerId, signal,
                        e instanceof ExecutionException failed ? failed.getCause() : e);
            } finally {
                node.bell().ring();
            }
            return null;
        });
        return new Draw(rows, workerId, signal, task, fraction, reported, stored);
    }

    /**
     * A span that stopped before storing every segment: the one being drawn (the first not stored) is charged with
     * the failure, and the rest go back to the queue, their attempts returned; when it was told to stop (cancel,
     * lost, shutdown), every one goes back.
     */
    private void gaveUp(List<SegmentRow> pending, String workerId, CancelSignal signal, Throwable e) {
        List<SegmentRow> back = pending;
        if (!signal.isCancelled() && !pending.isEmpty()) {
            SegmentRow failed = pending.get(0);
            NarratorException failure = e instanceof NarratorException n ? n
                    : new NarratorException(ErrorCode.INTERNAL, "segment " + failed.index() + " failed", e);
            LOG.warn("job {}: segment {} failed (attempt {}): {}", jobId, failed.index(), failed.attempts(),
                    failure.getMessage());
            store.failed(jobId, failed.index(), workerId, failure.code(), failure.getMessage(), settings.maxAttempts());
            back = pending.subList(1, pending.size());
        }
        back.forEach(row -> store.release(jobId, row.index(), workerId));
    }

    /**
     * Once every segment is done: waits for the spans whose segments were all done by their own draw (FFmpeg is
     * closing the last file), so that their files are used, not fetched, and not killed by {@link #stop}.
     */
    private void awaitDrawnHere(List<SegmentRow> rows) throws InterruptedException {
        for (Draw draw : List.copyOf(drawing.values())) {
            if (draw.rows().stream().allMatch(row -> draw.workerId().equals(rows.get(row.index()).pickedBy()))) {
                drawing.remove(draw.workerId());
                try {
                    draw.task().get();
                } catch (ExecutionException e) {
                    LOG.warn("job {}: a finished span's draw failed", jobId, e.getCause());
                }
            }
        }
    }

    /**
     * Stops the draws still running and waits for them; each gives back its segments not stored. The storing
     * thread goes last: a draw may still hand it a file until it ends.
     */
    private void stop() {
        drawing.values().forEach(draw -> draw.signal().cancel());
        draws.shutdown();
        try {
            if (!draws.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("job {}: segment draws did not stop within 30 s", jobId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            storing.shutdown();
        }
    }

    /** Each segment's file in order: drawn here, or fetched from the store where another execution or node put it. */
    private List<Path> files(List<SegmentRow> rows, CancelSignal cancel) {
        Path dir = workDir.resolve("segments-fetched");
        List<Path> files = new ArrayList<>();
        for (SegmentRow row : rows) {
            Path here = drawnHere.get(row.index());
            if (here != null && Files.isRegularFile(here)) {
                files.add(here);
                continue;
            }
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path fetched = dir.resolve(row.index() + ".mp4");
            node.files().get(row.fileKey(), fetched, cancel);
            files.add(fetched);
        }
        return files;
    }

    private NarratorException segmentFailed(SegmentRow row) {
        ErrorCode code = row.errorCode() == null ? ErrorCode.INTERNAL : ErrorCode.valueOf(row.errorCode());
        return new NarratorException(code, "segment " + row.index() + " failed after " + row.attempts() + " attempts: "
                + row.errorMessage());
    }

    /** Encoder threads for each of the spans drawn at once: the job's share, at least one (0, FFmpeg's choice, stays). */
    private int threadsEach(int threads) {
        return threads == 0 ? 0 : Math.max(1, threads / settings.parallelism());
    }

    private static Segment withThreads(Segment segment, int threads) {
        return new Segment(segment.index(), segment.startFrame(), segment.endFrame(),
                segment.spec().toBuilder().threads(threads).build());
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
