package narrator.app.segments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import narrator.app.db.Database;
import narrator.app.jobs.Job;
import narrator.app.jobs.JobKind;
import narrator.app.jobs.JobStore;
import narrator.app.jobs.NewJob;
import narrator.app.service.Await;
import narrator.app.storage.LocalObjectStore;
import narrator.app.storage.StorageKeys;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.CancelSignal;
import narrator.pipeline.VideoSize;
import narrator.pipeline.render.RenderSpec;
import narrator.pipeline.render.Segment;
import narrator.pipeline.render.SegmentPlan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifest executor on a real SQLite file and a real local store, drawing with a real FFmpeg: it records,
 * draws, stores and returns every segment in order; an execution after a crash draws only what was not done;
 * a failed segment is retried alone, and fails its job after its attempts; RENDER_PARALLELISM draws at once;
 * a cancel stops every draw at once and the job's end leaves no row and no stored file.
 */
class SegmentsTest {
    private static final int FPS = 30;
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private Database database;
    private JobStore jobs;
    private LocalObjectStore files;
    private final StorageKeys keys = new StorageKeys(null);

    @BeforeEach
    void open() {
        database = Database.open(dir.resolve("narrator.db"));
        jobs = new JobStore(database, Clock.systemUTC(), 3);
        files = new LocalObjectStore(dir.resolve("storage"), URI.create("http://localhost"));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void drawsEverySegmentOnceStoresItAndReturnsThemInOrder() throws IOException {
        Job job = processingJob();
        FfmpegDrawer drawer = new FfmpegDrawer(false);
        Segments node = node(drawer, 1);
        List<Double> progress = new CopyOnWriteArrayList<>();

        List<Path> made = node.executor(job.id(), work("a")).renderAll(plan(work("a"), 4, 15, "v1"), progress::add,
                CancelSignal.none());

        assertEquals(4, made.size());
        for (int i = 0; i < 4; i++) {
            assertTrue(made.get(i).getFileName().toString().startsWith("seg-" + i), made.toString());
            assertTrue(Files.size(made.get(i)) > 0);
        }
        assertEquals(Map.of(0, 1L, 1, 1L, 2, 1L, 3, 1L), drawer.draws());
        assertEquals(1.0, progress.get(progress.size() - 1));
        List<SegmentRow> rows = node.summary(job.id()).orElseThrow().rows();
        assertTrue(rows.stream().allMatch(r -> r.status() == SegmentRow.Status.DONE && r.attempts() == 1
                && "node-a".equals(r.nodeId()) && r.startedAt() != null && r.endedAt() != null), rows.toString());
        assertTrue(rows.stream().allMatch(r -> files.exists(r.fileKey())), "each segment's file is stored");
    }

    @Test
    void anExecutionAfterACrashDrawsOnlyWhatWasNotDone() throws IOException {
        Job job = processingJob();
        Segments before = node(new FfmpegDrawer(false), 1);
        before.executor(job.id(), work("first")).renderAll(plan(work("first"), 4, 15, "v1"), f -> { },
                CancelSignal.none());
        // The process died while drawing segment 2 (its row still says rendering, by a worker of that process),
        // and before storing segment 3's file.
        update("UPDATE render_segments SET status = 'rendering', attempts = 1, picked_by = 'node-a/deadbeef-job-3', "
                + "last_heartbeat = ? WHERE job_id = ? AND idx = 2", System.currentTimeMillis(), job.id());
        files.delete(rowOf(before, job, 3).fileKey());

        FfmpegDrawer drawer = new FfmpegDrawer(false);
        Segments after = node(drawer, 1);
        List<Path> made = after.executor(job.id(), work("second")).renderAll(plan(work("second"), 4, 15, "v1"),
                f -> { }, CancelSignal.none());

        assertEquals(Map.of(2, 1L, 3, 1L), drawer.draws(), "segments 0 and 1 were done and stored");
        assertEquals(4, made.size());
        assertTrue(made.stream().allMatch(Files::isRegularFile));
        assertEquals(2, rowOf(after, job, 2).attempts(), "the dead process's draw counts");
        assertEquals(1, rowOf(after, job, 0).attempts());
    }

    @Test
    void aChangedInputIsDrawnAgain() throws IOException {
        Job job = processingJob();
        node(new FfmpegDrawer(false), 1).executor(job.id(), work("first"))
                .renderAll(plan(work("first"), 3, 15, "v1"), f -> { }, CancelSignal.none());
        SegmentPlan changed = plan(work("second"), 3, 15, "v1");
        Files.writeString(changed.segments().get(1).spec().picture().subtitles(), "other subtitles");

        FfmpegDrawer drawer = new FfmpegDrawer(false);
        node(drawer, 1).executor(job.id(), work("second")).renderAll(changed, f -> { }, CancelSignal.none());

        assertEquals(Map.of(1, 1L), drawer.draws());
    }

    @Test
    void aFailedSegmentIsRetriedAloneAndFailsItsJobAfterItsAttempts() throws IOException {
        Job job = processingJob();
        FfmpegDrawer drawer = new FfmpegDrawer(false);
        drawer.fail(1, 2);
        Segments node = node(drawer, 1);

        node.executor(job.id(), work("a")).renderAll(plan(work("a"), 3, 15, "v1"), f -> { }, CancelSignal.none());

        assertEquals(Map.of(0, 1L, 1, 3L, 2, 1L), drawer.draws());
        assertEquals(List.of(1, 3, 1), node.summary(job.id()).orElseThrow().rows().stream()
                .map(SegmentRow::attempts).toList());
        assertEquals(List.of("failed", "failed", "done"), node.runs(job.id()).stream().filter(r -> r.index() == 1)
                .map(SegmentStore.Run::outcome).toList());

        Job other = processingJob();
        FfmpegDrawer failing = new FfmpegDrawer(false);
        failing.fail(0, 3);
        NarratorException failed = assertThrows(NarratorException.class, () -> node(failing, 1)
                .executor(other.id(), work("b")).renderAll(plan(work("b"), 2, 15, "v1"), f -> { }, CancelSignal.none()));
        assertEquals(ErrorCode.RENDER_FAILED, failed.code());
        assertTrue(failed.getMessage().contains("segment 0 failed after 3 attempts"), failed.getMessage());
        assertEquals(3L, failing.draws().get(0));
    }

    @Test
    void renderParallelismDrawsTwoSegmentsAtOnce() throws IOException {
        Job job = processingJob();
        FfmpegDrawer drawer = new FfmpegDrawer(true);
        Segments node = node(drawer, 2);

        node.executor(job.id(), work("a")).renderAll(plan(work("a"), 4, 15, "v1"), f -> { }, CancelSignal.none());

        List<SegmentStore.Run> runs = node.runs(job.id());
        assertEquals(4, runs.size());
        boolean overlap = false;
        for (SegmentStore.Run a : runs) {
            for (SegmentStore.Run b : runs) {
                overlap |= a != b && a.startedAt().isBefore(b.endedAt()) && b.startedAt().isBefore(a.endedAt());
            }
        }
        assertTrue(overlap, "two draws overlapped: " + runs);
        assertTrue(maxAtOnce(drawer.events()) == 2, drawer.events().toString());
    }

    @Test
    void aCancelStopsEveryDrawAtOnceAndTheJobsEndLeavesNothing() throws Exception {
        Job job = processingJob();
        FfmpegDrawer drawer = new FfmpegDrawer(true);
        Segments node = node(drawer, 2);
        CancelSignal cancel = new CancelSignal();
        // Ten seconds a segment, at real speed: only a cancel ends these draws early.
        Path work = work("a");
        CompletableFuture<List<Path>> render = CompletableFuture.supplyAsync(() -> node.executor(job.id(), work)
                .renderAll(plan(work, 4, 300, "v1"), f -> { }, cancel));
        Await.until("two draws to run", DEADLINE, () -> drawer.events().size() == 2);
        long cancelled = System.nanoTime();
        cancel.cancel();

        NarratorException stopped = assertThrows(NarratorException.class, () -> {
            try {
                render.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause();
            }
        });
        assertEquals(ErrorCode.CANCELLED, stopped.code());
        List<FfmpegDrawer.Event> ends = drawer.events().stream().filter(e -> !e.what().equals("start")).toList();
        assertEquals(List.of("cancelled", "cancelled"), ends.stream().map(FfmpegDrawer.Event::what).toList());
        assertTrue(ends.stream().allMatch(e -> e.nanos() - cancelled < Duration.ofSeconds(3).toNanos()),
                "every draw stopped at once");

        node.onCancelled(jobs.find(job.id()).orElseThrow());
        assertEquals(java.util.Optional.empty(), node.summary(job.id()));
        assertEquals(List.of(), storedFiles());
    }

    @Test
    void theJobsEndRemovesItsRowsAndStoredFilesInputsIncluded() throws IOException {
        Job job = processingJob();
        Segments node = new Segments(database, Clock.systemUTC(), files, keys, new FfmpegDrawer(false),
                new Segments.Settings("node-a", 1, 3, Duration.ofMillis(100), Duration.ofSeconds(2), true));
        node.executor(job.id(), work("a")).renderAll(plan(work("a"), 3, 15, "v1"), f -> { }, CancelSignal.none());
        assertEquals(3 + 3, storedFiles().size(), "three segments, and each one's subtitles for other nodes");

        node.onCompleted(jobs.find(job.id()).orElseThrow());

        assertEquals(java.util.Optional.empty(), node.summary(job.id()));
        assertEquals(List.of(), storedFiles());
        assertEquals(3, node.runs(job.id()).size(), "the history stays until retention removes the job");
    }

    private static int maxAtOnce(List<FfmpegDrawer.Event> events) {
        int now = 0;
        int most = 0;
        for (FfmpegDrawer.Event event : events) {
            now += event.what().equals("start") ? 1 : -1;
            most = Math.max(most, now);
        }
        return most;
    }

    private Job processingJob() {
        jobs.enqueue(new NewJob(JobKind.RENDER, "{}", null, null, null));
        return jobs.claimNext("node-a/w-1").orElseThrow();
    }

    private Segments node(FfmpegDrawer drawer, int parallelism) {
        return new Segments(database, Clock.systemUTC(), files, keys, drawer,
                new Segments.Settings("node-a", parallelism, 3, Duration.ofMillis(100), Duration.ofSeconds(2), false));
    }

    private Path work(String name) throws IOException {
        return Files.createDirectories(dir.resolve("work").resolve(name));
    }

    /** {@code count} segments of {@code frames} frames each, each with its own subtitles file. */
    private static SegmentPlan plan(Path work, int count, int frames, String text) {
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path subtitles = work.resolve("seg-" + i + ".ass");
            try {
                Files.writeString(subtitles, text + " segment " + i);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            RenderSpec spec = RenderSpec.builder(work.resolve("voice.wav"), count * frames / (double) FPS,
                    work.resolve("seg-" + i + ".mp4")).size(new VideoSize(160, 96)).fps(FPS).subtitles(subtitles)
                    .threads(2).build();
            segments.add(new Segment(i, (long) i * frames, (long) (i + 1) * frames, spec));
        }
        return new SegmentPlan(segments, FfmpegDrawer.NO_WINDOWS);
    }

    private SegmentRow rowOf(Segments node, Job job, int index) {
        return node.summary(job.id()).orElseThrow().rows().get(index);
    }

    private List<Path> storedFiles() throws IOException {
        Path root = dir.resolve("storage");
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    private void update(String sql, Object... params) {
        try (var connection = database.dataSource().getConnection(); var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
