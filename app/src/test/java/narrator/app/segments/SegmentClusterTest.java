package narrator.app.segments;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.Set;
import java.util.stream.Collectors;
import narrator.app.db.Database;
import narrator.app.jobs.Job;
import narrator.app.jobs.JobKind;
import narrator.app.jobs.JobStore;
import narrator.app.jobs.NewJob;
import narrator.app.jobs.WorkSlots;
import narrator.app.storage.LocalObjectStore;
import narrator.app.storage.StorageKeys;
import narrator.app.testing.PostgresServer;
import narrator.pipeline.CancelSignal;
import narrator.pipeline.VideoSize;
import narrator.pipeline.render.BaseMedia;
import narrator.pipeline.render.MediaInfo;
import narrator.pipeline.render.RenderSpec;
import narrator.pipeline.render.Segment;
import narrator.pipeline.render.SegmentPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on a real PostgreSQL and one shared store: the job's node plans and draws its segments while the
 * other node's idle worker claims the rest (woken by NOTIFY), fetching the inputs the job's node uploaded; the
 * manifest shows both nodes, and the job gets every file in order.
 */
class SegmentClusterTest {
    @TempDir
    Path dir;

    @Test
    void anIdleWorkerOfAnotherNodeDrawsSomeOfAJobsSegments() throws IOException {
        try (Database database = Database.open(PostgresServer.shared().createDatabase())) {
            JobStore jobs = new JobStore(database, Clock.systemUTC(), 3);
            jobs.enqueue(new NewJob(JobKind.RENDER, "{}", null, null, null));
            Job job = jobs.claimNext("node-a/w-1").orElseThrow();
            LocalObjectStore shared = new LocalObjectStore(dir.resolve("shared"), URI.create("http://localhost"));
            StorageKeys keys = new StorageKeys(null);
            FfmpegDrawer drawsOfA = new FfmpegDrawer(true);
            FfmpegDrawer drawsOfB = new FfmpegDrawer(true);
            Segments a = new Segments(database, Clock.systemUTC(), shared, keys, drawsOfA, settings("node-a"));
            Segments b = new Segments(database, Clock.systemUTC(), shared, keys, drawsOfB, settings("node-b"));
            try (AutoCloseable listenA = database.listen(SegmentStore.CHANNEL, a::wake);
                    AutoCloseable listenB = database.listen(SegmentStore.CHANNEL, b::wake)) {
                b.startWorker(new WorkSlots(1), 1, Files.createDirectories(dir.resolve("work-b")));
                Path work = Files.createDirectories(dir.resolve("work-a"));

                List<Path> made = a.executor(job.id(), work).renderAll(plan(work, 6, 15), f -> { },
                        CancelSignal.none());

                assertEquals(6, made.size());
                assertTrue(made.stream().allMatch(Files::isRegularFile));
                List<SegmentRow> rows = a.summary(job.id()).orElseThrow().rows();
                assertEquals(Set.of("node-a", "node-b"), rows.stream().map(SegmentRow::nodeId).collect(Collectors.toSet()),
                        rows.toString());
                assertTrue(rows.stream().allMatch(r -> r.attempts() == 1), rows.toString());
                assertEquals(6, drawsOfA.draws().size() + drawsOfB.draws().size(), "each segment drawn once");
                assertTrue(drawsOfB.draws().size() >= 1, drawsOfB.events().toString());
            } catch (Exception e) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            } finally {
                b.close();
            }
        }
    }

    @Test
    void aCancelStopsTheSegmentsOtherNodesDraw() throws Exception {
        try (Database database = Database.open(PostgresServer.shared().createDatabase())) {
            JobStore jobs = new JobStore(database, Clock.systemUTC(), 3);
            jobs.enqueue(new NewJob(JobKind.RENDER, "{}", null, null, null));
            Job job = jobs.claimNext("node-a/w-1").orElseThrow();
            LocalObjectStore shared = new LocalObjectStore(dir.resolve("shared"), URI.create("http://localhost"));
            FfmpegDrawer drawsOfB = new FfmpegDrawer(true);
            Segments a = new Segments(database, Clock.systemUTC(), shared, new StorageKeys(null), new FfmpegDrawer(true),
                    settings("node-a"));
            Segments b = new Segments(database, Clock.systemUTC(), shared, new StorageKeys(null), drawsOfB,
                    settings("node-b"));
            CancelSignal cancel = new CancelSignal();
            try (AutoCloseable listenB = database.listen(SegmentStore.CHANNEL, b::wake)) {
                b.startWorker(new WorkSlots(1), 1, Files.createDirectories(dir.resolve("work-b")));
                Path work = Files.createDirectories(dir.resolve("work-a"));
                // Ten seconds a segment at real speed: only a cancel ends these draws early.
                java.util.concurrent.CompletableFuture<List<Path>> render = java.util.concurrent.CompletableFuture
                        .supplyAsync(() -> a.executor(job.id(), work).renderAll(plan(work, 3, 300), f -> { }, cancel));
                narrator.app.service.Await.until("node-b to draw a segment", Duration.ofSeconds(30),
                        () -> drawsOfB.events().size() == 1);
                long cancelled = System.nanoTime();
                // What POST /jobs/{id}/cancel does on any node: the flag in the database; the job's node fires its signal.
                jobs.requestCancel(job.id());
                cancel.cancel();

                narrator.app.service.Await.until("node-b's draw to stop", Duration.ofSeconds(5),
                        () -> drawsOfB.events().size() == 2);
                FfmpegDrawer.Event stopped = drawsOfB.events().get(1);
                assertEquals("cancelled", stopped.what());
                assertTrue(stopped.nanos() - cancelled < Duration.ofSeconds(2).toNanos(), "within a heartbeat or so");
                assertTrue(render.handle((files, e) -> e).join() != null, "the job's own render stopped too");
            } finally {
                b.close();
            }
        }
    }

    private static Segments.Settings settings(String node) {
        return new Segments.Settings(node, 1, 3, Duration.ofMillis(100), Duration.ofSeconds(2), true);
    }

    /** {@code count} segments of {@code frames} over a base image, each with its subtitles: what the other node fetches. */
    private static SegmentPlan plan(Path work, int count, int frames) {
        try {
            Path image = work.resolve("base.png");
            new narrator.pipeline.render.FfmpegRunner().run(List.of("ffmpeg", "-nostdin", "-y", "-v", "error", "-f",
                    "lavfi", "-i", "color=c=blue:s=64x64", "-frames:v", "1", image.toString()), Duration.ofSeconds(30));
            List<Segment> segments = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Path subtitles = Files.writeString(work.resolve("seg-" + i + ".ass"), "segment " + i);
                RenderSpec spec = RenderSpec.builder(work.resolve("voice.wav"), count * frames / 30.0,
                        work.resolve("seg-" + i + ".mp4"))
                        .base(BaseMedia.of(image, new MediaInfo(true, false, true, 0, 64, 64)))
                        .size(new VideoSize(160, 96)).subtitles(subtitles).build();
                segments.add(new Segment(i, (long) i * frames, (long) (i + 1) * frames, spec));
            }
            return new SegmentPlan(segments, FfmpegDrawer.NO_WINDOWS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
