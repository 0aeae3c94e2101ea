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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * the job's queued segments and draws up to {@code parallelism} at once on this node, encoder threads divided
 * between them; in a cluster, idle workers of other nodes claim the rest ({@link SegmentWorker}), from inputs this
 * executor uploaded. Each finished file is stored and its segment marked done; a failed segment goes back to the
 * queue alone until it has used its attempts, when the job fails with its error. Its own thread heartbeats the
 * segments drawn here, requeues those whose worker died, reports progress (frames done / all frames) and wakes
 * on the manifest's doorbell. A cancel stops every draw at once; a draw stopped otherwise (a shutdown) gives its
 * attempt back, and its row stays for the next execution.
 */
final class ManifestSegmentExecutor implements SegmentExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(ManifestSegmentExecutor.class);

    private final String jobId;
    private final Path workDir;
    private final Segments node;
    private final SegmentStore store;
    private final Segments.Settings settings;
    private final ContentNames names = new ContentNames();

    ManifestSegmentExecutor(String jobId, Path workDir, Segments node) {
        this.jobId = jobId;
        this.workDir = workDir;
        this.node = node;
        this.store = node.store();
        this.settings = node.settings();
    }

    /** A segment drawn on this node now, by worker {@code workerId}. */
    private record Draw(SegmentRow row, String workerId, CancelSignal signal, Future<Path> file,
                        AtomicReference<Double> fraction) {
    }

    @Override
    public List<Path> renderAll(SegmentPlan plan, DoubleConsumer progress, CancelSignal cancel) {
        List<Segment> segments = plan.segments();
        Map<Integer, Segment> byIndex = new ConcurrentHashMap<>();
        segments.forEach(s -> byIndex.put(s.index(), s));
        record(segments);
        int threadsEach = threadsEach(segments.get(0).spec().encoding().threads());
        Map<Integer, Draw> drawing = new ConcurrentHashMap<>();
        Map<Integer, Path> drawnHere = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(settings.parallelism(), r -> {
            Thread thread = new Thread(r, "narrator-segments-" + jobId);
            thread.setDaemon(true);
            return thread;
        });
        int workers = 0;
        boolean finished = false;
        try {
            while (true) {
                long seen = node.bell().rings();
                for (Draw draw : List.copyOf(drawing.values())) {
                    if (draw.file().isDone()) {
                        drawing.remove(draw.row().index());
                        Path file = result(draw);
                        if (file != null) {
                            drawnHere.put(draw.row().index(), file);
                        }
                    } else if (!store.heartbeat(jobId, draw.row().index(), draw.workerId())) {
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
                    // A draw marked done here may not have returned yet: its file is here, not to be fetched.
                    for (SegmentRow row : summary.rows()) {
                        Draw draw = drawing.get(row.index());
                        if (draw != null && draw.workerId().equals(row.pickedBy())) {
                            drawing.remove(row.index());
                            Path file = result(draw);
                            if (file != null) {
                                drawnHere.put(row.index(), file);
                            }
                        }
                    }
                    progress.accept(1);
                    finished = true;
                    return files(summary.rows(), drawnHere, cancel);
                }
                while (drawing.size() < settings.parallelism()) {
                    String workerId = node.processPrefix() + "job-" + (++workers);
                    var claimed = store.claim(jobId, settings.nodeId(), workerId);
                    if (claimed.isEmpty()) {
                        break;
                    }
                    SegmentRow row = claimed.get();
                    drawing.put(row.index(), start(pool, row, workerId, byIndex.get(row.index()), threadsEach, cancel));
                }
                double drawn = summary.framesDone();
                for (Draw draw : drawing.values()) {
                    drawn += draw.fraction().get() * draw.row().frames();
                }
                progress.accept(drawn / summary.framesTotal());
                node.bell().await(seen, settings.heartbeatEvery());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NarratorException(ErrorCode.CANCELLED, "The job was interrupted");
        } finally {
            stop(drawing, pool, finished);
        }
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

    private Draw start(ExecutorService pool, SegmentRow row, String workerId, Segment segment, int threads,
                       CancelSignal jobCancel) {
        CancelSignal signal = new CancelSignal();
        AtomicReference<Double> fraction = new AtomicReference<>(0.0);
        Future<Path> file = pool.submit(() -> {
            try (AutoCloseable link = jobCancel.onCancel(signal::cancel)) {
                node.drawer().draw(SegmentSpan.of(withThreads(segment, threads)), s -> { }, fraction::set, signal);
                Path drawn = segment.spec().output();
                return node.storeDrawn(row, drawn, workerId) ? drawn : null;
            } catch (RuntimeException e) {
                if (!signal.isCancelled()) {
                    NarratorException failure = e instanceof NarratorException n ? n
                            : new NarratorException(ErrorCode.INTERNAL, "segment " + row.index() + " failed", e);
                    LOG.warn("job {}: segment {} failed (attempt {}): {}", jobId, row.index(), row.attempts(),
                            failure.getMessage());
                    store.failed(jobId, row.index(), workerId, failure.code(), failure.getMessage(),
                            settings.maxAttempts());
                }
                return null;
            } finally {
                node.bell().ring();
            }
        });
        return new Draw(row, workerId, signal, file, fraction);
    }

    private static Path result(Draw draw) {
        try {
            return draw.file().get();
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * Stops the draws still running and waits for them; each gives its segment back to the queue (attempt
     * returned), unless the job is over, when its rows go with it.
     */
    private void stop(Map<Integer, Draw> drawing, ExecutorService pool, boolean finished) {
        drawing.values().forEach(draw -> draw.signal().cancel());
        pool.shutdown();
        try {
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("job {}: segment draws did not stop within 30 s", jobId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!finished) {
            drawing.values().forEach(draw -> store.release(jobId, draw.row().index(), draw.workerId()));
        }
    }

    /** Each segment's file in order: drawn here, or fetched from the store where another execution or node put it. */
    private List<Path> files(List<SegmentRow> rows, Map<Integer, Path> drawnHere, CancelSignal cancel) {
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

    /** Encoder threads for each of the segments drawn at once: the job's share, at least one (0, FFmpeg's choice, stays). */
    private int threadsEach(int threads) {
        return threads == 0 ? 0 : Math.max(1, threads / settings.parallelism());
    }

    private static Segment withThreads(Segment segment, int threads) {
        return new Segment(segment.index(), segment.startFrame(), segment.endFrame(),
                segment.spec().toBuilder().threads(threads).build());
    }
}
