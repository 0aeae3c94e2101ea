package narrator.app.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import narrator.app.db.Database;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobSchedulerTest {
    private static final Duration LONG = Duration.ofMinutes(30);

    private static final Duration HEARTBEAT = Duration.ofSeconds(5);
    private static final String NODE = "node-a";

    @TempDir
    Path dir;
    /** The scheduler's clock in nanoseconds, turned by hand. */
    private final AtomicLong ticker = new AtomicLong();

    private Path dbFile;
    private Path workRoot;
    private Database db;
    private JobStore store;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final RecordingEvents events = new RecordingEvents();
    /** Each execution's work dir, by job id, as its handler saw it. */
    private final Map<String, Path> workDirs = new ConcurrentHashMap<>();

    @BeforeEach
    void open() {
        dbFile = dir.resolve("narrator.db");
        workRoot = dir.resolve("work");
        db = Database.open(dbFile);
        store = new JobStore(db, Clock.systemUTC(), JobStore.DEFAULT_MAX_ATTEMPTS);
    }

    @AfterEach
    void close() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        db.close();
    }

    @Test
    void runsASubmittedJobAndStoresItsResultProgressAndTimings() throws Exception {
        JobScheduler scheduler = start(1, LONG, (job, ctx) -> {
            seeWorkDir(job, ctx);
            write(ctx.workDir().resolve("voice.wav"), "samples");
            ctx.progress(Stage.SYNTHESIZING, 0.5);
            ctx.stageDone(Stage.SYNTHESIZING, Duration.ofMillis(12));
            return new JobResult("{\"url\":\"s3://out.mp4\"}");
        });

        String id = scheduler.submit(newJob()).job().id();
        Job done = finished(scheduler, id);

        assertEquals(JobStatus.COMPLETED, done.status());
        assertEquals("{\"url\":\"s3://out.mp4\"}", done.resultJson());
        assertEquals(Stage.SYNTHESIZING, done.stage());
        assertEquals(100, done.progress());
        assertEquals(Map.of("synthesizing", 12L), done.timingsMillis());
        assertEquals(1, done.attempts());
        assertFalse(Files.exists(workDirs.get(id)), "work dir removed");
        awaitEnded(id);
        assertEquals(List.of("started " + id, "progress " + id + " synthesizing 19", "completed " + id), events.of(id),
                "progress is the whole job's percent");
        assertEquals(done, scheduler.whenFinished(id).get(), "an ended job's future completes at once");
        ExecutionException unknown = assertThrows(ExecutionException.class, () -> scheduler.whenFinished("nope").get());
        assertEquals(ErrorCode.NOT_FOUND, ((NarratorException) unknown.getCause()).code());
    }

    @Test
    void neverRunsMoreJobsAtOnceThanTheLimit() throws Exception {
        AtomicInteger runningNow = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        JobScheduler scheduler = start(2, LONG, (job, ctx) -> {
            mostAtOnce.accumulateAndGet(runningNow.incrementAndGet(), Math::max);
            await(release);
            runningNow.decrementAndGet();
            return new JobResult("{}");
        });

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(scheduler.submit(newJob()).job().id());
        }
        Eventually.await("two jobs running", () -> runningNow.get() == 2);
        assertEquals(new QueueCounts(3, 2, Duration.ZERO), store.counts());
        release.countDown();

        for (String id : ids) {
            assertEquals(JobStatus.COMPLETED, finished(scheduler, id).status());
        }
        assertEquals(2, mostAtOnce.get());
    }

    @Test
    void aCancelledQueuedJobNeverStarts() throws Exception {
        Set<String> handled = ConcurrentHashMap.newKeySet();
        CountDownLatch release = new CountDownLatch(1);
        JobScheduler scheduler = start(1, LONG, (job, ctx) -> {
            handled.add(job.id());
            await(release);
            return new JobResult("{}");
        });
        String blocker = scheduler.submit(newJob()).job().id();
        Eventually.await("the blocker running", () -> handled.contains(blocker));
        String queued = scheduler.submit(newJob()).job().id();

        Job cancelled = scheduler.cancel(queued);

        assertEquals(JobStatus.CANCELLED, cancelled.status());
        assertEquals(cancelled, finished(scheduler, queued));
        assertEquals(List.of("cancelled " + queued), events.of(queued));
        release.countDown();
        String after = scheduler.submit(newJob()).job().id();
        assertEquals(JobStatus.COMPLETED, finished(scheduler, after).status());
        assertEquals(Set.of(blocker, after), handled);
    }

    @Test
    void cancellingARunningJobFiresItsSignalAndEndsItCancelled() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch sawCancel = new CountDownLatch(1);
        JobScheduler scheduler = start(1, LONG, (job, ctx) -> {
            seeWorkDir(job, ctx);
            ctx.cancelSignal().onCancel(sawCancel::countDown);
            started.countDown();
            await(sawCancel);
            ctx.cancelSignal().throwIfCancelled();
            return new JobResult("{}");
        });
        String id = scheduler.submit(newJob()).job().id();
        await(started);

        Job flagged = scheduler.cancel(id);

        assertTrue(flagged.cancelRequested());
        await(sawCancel);
        Job done = finished(scheduler, id);
        assertEquals(JobStatus.CANCELLED, done.status());
        assertFalse(Files.exists(workDirs.get(id)), "work dir removed");
        awaitEnded(id);
        assertEquals(List.of("started " + id, "cancelled " + id), events.of(id));
    }

    @Test
    void aCancelRequestedThroughTheDatabaseIsNoticedOnTheNextHeartbeat() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean stopped = new AtomicBoolean();
        JobScheduler scheduler = startByHand(LONG, (job, ctx) -> {
            started.countDown();
            awaitCancel(ctx);
            stopped.set(true);
            return new JobResult("{}");
        });
        String id = scheduler.submit(newJob()).job().id();
        await(started);
        store.requestCancel(id);

        ticker.addAndGet(HEARTBEAT.toNanos() - 1);
        scheduler.housekeepOnce();
        assertFalse(stopped.get(), "no heartbeat is due yet");
        ticker.addAndGet(1);
        scheduler.housekeepOnce();

        assertEquals(JobStatus.CANCELLED, finished(scheduler, id).status());
    }

    @Test
    void drainingFinishesTheRunningJobAndClaimsNoMore() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        JobScheduler scheduler = start(1, LONG, (job, ctx) -> {
            started.countDown();
            await(release);
            return new JobResult("{}");
        });
        String running = scheduler.submit(newJob()).job().id();
        await(started);
        String waiting = scheduler.submit(newJob()).job().id();

        Thread drain = new Thread(scheduler::drain);
        drain.start();
        // Released only once drain() is waiting for the workers, so it has stopped claiming by then.
        Eventually.await("drain to wait for the running job", () -> drain.getState() == Thread.State.WAITING);
        release.countDown();
        drain.join(Eventually.DEADLINE.toMillis());

        assertFalse(drain.isAlive(), "drain returns once the running job has ended");
        assertEquals(JobStatus.COMPLETED, store.find(running).orElseThrow().status());
        assertEquals(JobStatus.QUEUED, store.find(waiting).orElseThrow().status(), "left for other nodes");
        assertFalse(scheduler.claimOnce(NODE + "/hand"), "a drained node claims nothing");
        assertEquals(List.of(NODE + " completed"), runs(running));
        assertEquals(List.of(), runs(waiting));
    }

    @Test
    void aWaiterHearsOfAJobThatEndedOnAnotherNode() throws Exception {
        JobScheduler api = new JobScheduler(store, new JobScheduler.Settings("api-node", 0, LONG, workRoot, HEARTBEAT,
                Duration.ofHours(1), Duration.ofHours(3), Duration.ofSeconds(2)), (job, ctx) -> {
                    throw new AssertionError("an api node runs nothing");
                }, events, ticker::get);
        toClose.add(api);
        api.start();
        String id = api.submit(newJob()).job().id();
        CompletableFuture<Job> waiter = api.whenFinished(id);
        store.claimNext("worker-node/1");
        store.complete(id, "worker-node/1", "{}");
        assertFalse(waiter.isDone(), "nothing told this node yet");

        api.housekeepOnce();

        assertEquals(JobStatus.COMPLETED, waiter.get(0, TimeUnit.SECONDS).status());
    }

    @Test
    void aStaleExecutionOfAnotherNodeIsRequeuedAndItsRunClosed() throws Exception {
        Job job = store.enqueue(newJob()).job();
        Job claimed = store.claimNext("dead-node/1").orElseThrow();
        store.runs().started(claimed, "dead-node", "dead-node/1");
        // This node's store reads the wall clock four hours on: the dead node's heartbeat is that old.
        JobStore later = new JobStore(db, Clock.offset(Clock.systemUTC(), Duration.ofHours(4)),
                JobStore.DEFAULT_MAX_ATTEMPTS);
        // Not started (no start-up recovery, no worker threads): this test runs housekeeping and claims by hand.
        JobScheduler scheduler = new JobScheduler(later, new JobScheduler.Settings(NODE, 0, LONG, workRoot, HEARTBEAT,
                Duration.ofHours(1), Duration.ofHours(3), Duration.ofSeconds(2)), (j, ctx) -> new JobResult("{}"),
                events, ticker::get);
        toClose.add(scheduler);

        scheduler.housekeepOnce();
        assertTrue(scheduler.claimOnce(NODE + "/hand"));

        Job done = finished(scheduler, job.id());
        assertEquals(JobStatus.COMPLETED, done.status());
        assertEquals(2, done.attempts(), "the dead node's attempt counts");
        assertEquals(List.of("dead-node abandoned", NODE + " completed"), runs(job.id()));
    }

    @Test
    void aJobPastItsTimeLimitIsStoppedAndFailsWithTimeout() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        JobScheduler scheduler = startByHand(Duration.ofMillis(300), (job, ctx) -> {
            seeWorkDir(job, ctx);
            started.countDown();
            awaitCancel(ctx);
            return new JobResult("{}");
        });

        String id = scheduler.submit(newJob()).job().id();
        await(started);
        ticker.addAndGet(Duration.ofMillis(299).toNanos());
        scheduler.housekeepOnce();
        assertEquals(JobStatus.PROCESSING, store.find(id).orElseThrow().status(), "still within its limit");
        ticker.addAndGet(Duration.ofMillis(1).toNanos());
        scheduler.housekeepOnce();
        Job done = finished(scheduler, id);

        assertEquals(JobStatus.FAILED, done.status());
        assertEquals(ErrorCode.TIMEOUT, done.errorCode());
        assertEquals("The job ran past its time limit of 300 ms", done.errorMessage());
        assertFalse(Files.exists(workDirs.get(id)), "work dir removed");
        awaitEnded(id);
        assertEquals(List.of("started " + id, "failed " + id), events.of(id));
    }

    @Test
    void handlerExceptionsFailTheJobWithTheirCodeOrInternal() throws Exception {
        JobScheduler scheduler = start(2, LONG, (job, ctx) -> {
            seeWorkDir(job, ctx);
            if (job.requestJson().contains("bad-media")) {
                throw new NarratorException(ErrorCode.INVALID_MEDIA, "The base video has no video stream");
            }
            throw new IllegalStateException("secret detail at /srv/narrator/keys");
        });

        String badMedia = scheduler.submit(new NewJob(JobKind.RENDER, "{\"bad-media\":1}", null, null, null)).job().id();
        String bug = scheduler.submit(newJob()).job().id();

        Job media = finished(scheduler, badMedia);
        assertEquals(JobStatus.FAILED, media.status());
        assertEquals(ErrorCode.INVALID_MEDIA, media.errorCode());
        assertEquals("The base video has no video stream", media.errorMessage());
        Job internal = finished(scheduler, bug);
        assertEquals(ErrorCode.INTERNAL, internal.errorCode());
        assertEquals("The job failed because of an internal error", internal.errorMessage());
        for (String id : List.of(badMedia, bug)) {
            assertFalse(Files.exists(workDirs.get(id)), "work dir removed");
        }
    }

    @Test
    void closingPutsRunningJobsBackInTheQueueForTheNextStart() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        JobScheduler first = start(1, LONG, (job, ctx) -> {
            seeWorkDir(job, ctx);
            started.countDown();
            awaitCancel(ctx);
            return new JobResult("{}");
        });
        String id = first.submit(newJob()).job().id();
        await(started);
        var waiter = first.whenFinished(id);

        first.close();

        Job requeued = store.find(id).orElseThrow();
        assertEquals(JobStatus.QUEUED, requeued.status());
        assertEquals(0, requeued.attempts(), "a shutdown does not use up an attempt");
        assertFalse(Files.exists(workDirs.get(id)), "work dir removed");
        ExecutionException closed = assertThrows(ExecutionException.class, waiter::get);
        assertInstanceOf(NarratorException.class, closed.getCause());

        JobScheduler second = start(1, LONG, (job, ctx) -> new JobResult("{\"second\":true}"));
        Job done = finished(second, id);
        assertEquals(JobStatus.COMPLETED, done.status());
        assertEquals(1, done.attempts());
    }

    @Test
    void afterACrashTheNextStartRequeuesTheJobAndRunsItOnce() throws Exception {
        Path shared = Files.createDirectories(dir.resolve("shared"));
        CountDownLatch startedInA = new CountDownLatch(1);
        CountDownLatch releaseA = new CountDownLatch(1);
        // A's handler hangs past the shutdown grace, ignoring its cancel signal: to the database,
        // A is a process that died mid-job.
        JobScheduler a = new JobScheduler(store, settings(1, LONG, Duration.ofMillis(100)), (job, ctx) -> {
            startedInA.countDown();
            awaitUninterruptibly(releaseA);
            return new JobResult("{\"by\":\"A\"}");
        }, JobEvents.NONE);
        a.start();
        String id = a.submit(newJob()).job().id();
        await(startedInA);
        a.close();
        assertEquals(JobStatus.PROCESSING, store.find(id).orElseThrow().status());

        try (Database dbB = Database.open(dbFile)) {
            JobStore storeB = new JobStore(dbB, Clock.systemUTC(), JobStore.DEFAULT_MAX_ATTEMPTS);
            try (JobScheduler b = new JobScheduler(storeB, settings(1, LONG, Duration.ofSeconds(2)), (job, ctx) -> {
                write(shared.resolve(job.id()), "rendered\n");
                return new JobResult("{\"by\":\"B\"}");
            }, JobEvents.NONE)) {
                b.start();

                Job done = finished(b, id);
                assertEquals(JobStatus.COMPLETED, done.status());
                assertEquals(2, done.attempts());
                assertEquals("{\"by\":\"B\"}", done.resultJson());
            }
        }

        // The hung execution in A finally returns: it no longer owns the job, so nothing changes.
        releaseA.countDown();
        assertTrue(a.awaitWorkers(Eventually.DEADLINE));
        Job after = store.find(id).orElseThrow();
        assertEquals("{\"by\":\"B\"}", after.resultJson());
        assertEquals("rendered\n", Files.readString(shared.resolve(id)), "B's side effect happened exactly once");
    }

    @Test
    void aJobThatUsedUpItsAttemptsFailsAtStartWithoutRunning() throws Exception {
        store = new JobStore(db, Clock.systemUTC(), 1);
        String id = store.enqueue(newJob()).job().id();
        store.claimNext(NODE + "/a-worker-of-a-dead-process");
        Set<String> handled = ConcurrentHashMap.newKeySet();

        JobScheduler scheduler = start(1, LONG, (job, ctx) -> {
            handled.add(job.id());
            return new JobResult("{}");
        });

        Job failed = finished(scheduler, id);
        assertEquals(JobStatus.FAILED, failed.status());
        assertEquals(ErrorCode.INTERNAL, failed.errorCode());
        assertEquals("gave up after 1 attempt (the service restarted during the job)", failed.errorMessage());
        awaitEnded(id);
        assertEquals(List.of("failed " + id), events.of(id));
        assertEquals(Set.of(), handled);
    }

    @Test
    void anEndingStoredByAProcessThatDiedBeforeAnnouncingItIsAnnouncedByTheNextStartOnce() throws Exception {
        // What a kill -9 between storing the ending and telling the listeners leaves behind.
        String id = store.enqueue(newJob()).job().id();
        store.claimNext("a-worker-of-a-dead-process");
        assertTrue(store.complete(id, "a-worker-of-a-dead-process", "{}"));

        start(1, LONG, (job, ctx) -> new JobResult("{}")).close();
        assertEquals(List.of("completed " + id), events.of(id), "announced as the next process starts");
        start(1, LONG, (job, ctx) -> new JobResult("{}"));
        assertEquals(List.of("completed " + id), events.of(id), "announced once, not at every start");
    }

    @Test
    void startRemovesOrphanWorkDirs() throws Exception {
        write(Files.createDirectories(workRoot.resolve("0000-dead-job-1")).resolve("part.mp4"), "partial");
        write(workRoot.resolve("stray.tmp"), "x");

        start(1, LONG, (job, ctx) -> new JobResult("{}"));

        try (Stream<Path> left = Files.list(workRoot)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void describesLimitsInTheCoarsestExactUnit() {
        assertEquals("30 min", JobScheduler.describe(Duration.ofMinutes(30)));
        assertEquals("90 s", JobScheduler.describe(Duration.ofSeconds(90)));
        assertEquals("300 ms", JobScheduler.describe(Duration.ofMillis(300)));
    }

    private JobScheduler start(int maxConcurrent, Duration jobTimeout, JobHandler handler) {
        JobScheduler scheduler = new JobScheduler(store, settings(maxConcurrent, jobTimeout, Duration.ofSeconds(2)),
                handler, events);
        toClose.add(scheduler);
        scheduler.start();
        return scheduler;
    }

    /**
     * One worker, with housekeeping that never runs by itself: the test turns {@link #ticker} and calls
     * {@code housekeepOnce()}.
     */
    private JobScheduler startByHand(Duration jobTimeout, JobHandler handler) {
        JobScheduler scheduler = new JobScheduler(store, new JobScheduler.Settings(NODE, 1, jobTimeout, workRoot, HEARTBEAT,
                Duration.ofHours(1), Duration.ofHours(3), Duration.ofSeconds(2)), handler, events, ticker::get);
        toClose.add(scheduler);
        scheduler.start();
        return scheduler;
    }

    @Test
    void claimOnceRunsTheOldestQueuedJobOnTheCallersThread() {
        JobScheduler scheduler = new JobScheduler(store, settings(1, LONG, Duration.ofSeconds(2)), (job, ctx) -> {
            seeWorkDir(job, ctx);
            return new JobResult("{\"thread\":\"" + Thread.currentThread().getName() + "\"}");
        }, events, ticker::get);
        toClose.add(scheduler);
        String first = scheduler.submit(newJob()).job().id();
        String second = scheduler.submit(newJob()).job().id();

        assertTrue(scheduler.claimOnce("hand-1"));

        Job done = store.find(first).orElseThrow();
        assertEquals(JobStatus.COMPLETED, done.status());
        assertEquals("{\"thread\":\"" + Thread.currentThread().getName() + "\"}", done.resultJson());
        assertEquals(JobStatus.QUEUED, store.find(second).orElseThrow().status());
        assertTrue(scheduler.claimOnce("hand-1"));
        assertFalse(scheduler.claimOnce("hand-1"), "nothing left to claim");
    }

    private JobScheduler.Settings settings(int maxConcurrent, Duration jobTimeout, Duration shutdownGrace) {
        // Housekeeping comes round by itself only every HEARTBEAT, and then finds nothing due on the ticker:
        // no test waits on its timer.
        return new JobScheduler.Settings(NODE, maxConcurrent, jobTimeout, workRoot, HEARTBEAT, Duration.ofHours(1),
                Duration.ofHours(3), shutdownGrace);
    }

    private static NewJob newJob() {
        return new NewJob(JobKind.RENDER, "{}", null, null, null);
    }

    /** Listeners hear of an ending just after it is stored, so a waiter on the job may wake first. */
    private void awaitEnded(String id) {
        Eventually.await("the ending of " + id + " is announced", () -> events.of(id).stream()
                .anyMatch(event -> event.startsWith("completed ") || event.startsWith("failed ")
                        || event.startsWith("cancelled ")));
    }

    /** The job's runs, oldest first, as "node outcome"; every one of them has ended by then. */
    private List<String> runs(String id) throws Exception {
        List<String> runs = new ArrayList<>();
        try (var connection = db.dataSource().getConnection();
                var query = connection.prepareStatement(
                        "SELECT node_id, outcome, ended_at FROM job_runs WHERE job_id = ? ORDER BY started_at")) {
            query.setString(1, id);
            try (var rs = query.executeQuery()) {
                while (rs.next()) {
                    rs.getLong(3);
                    assertFalse(rs.wasNull(), "run ended");
                    runs.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
        }
        return runs;
    }

    private static Job finished(JobScheduler scheduler, String id) throws Exception {
        return scheduler.whenFinished(id).get(Eventually.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void seeWorkDir(Job job, JobContext ctx) {
        assertTrue(Files.isDirectory(ctx.workDir()));
        workDirs.put(job.id(), ctx.workDir());
    }

    /** Works until the cancel signal fires, then stops the way pipeline stages do. */
    private static void awaitCancel(JobContext ctx) {
        CountDownLatch cancelled = new CountDownLatch(1);
        ctx.cancelSignal().onCancel(cancelled::countDown);
        await(cancelled);
        ctx.cancelSignal().throwIfCancelled();
    }

    /** Waits in a handler; a RuntimeException, so a test that goes wrong fails its job instead of hanging. */
    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(Eventually.DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("latch not released in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        while (true) {
            try {
                await(latch);
                return;
            } catch (IllegalStateException e) {
                if (!Thread.interrupted()) {
                    throw e;
                }
            }
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every event, as "kind id [stage percent]", in order. */
    private static final class RecordingEvents implements JobEvents {
        private final List<String> seen = Collections.synchronizedList(new ArrayList<>());

        List<String> of(String id) {
            synchronized (seen) {
                return seen.stream().filter(e -> e.split(" ")[1].equals(id)).toList();
            }
        }

        @Override
        public void onStarted(Job job) {
            seen.add("started " + job.id());
        }

        @Override
        public void onProgress(Job job, Stage stage, double percent) {
            seen.add("progress " + job.id() + " " + stage.label() + " " + Math.round(percent));
        }

        @Override
        public void onCompleted(Job job) {
            seen.add("completed " + job.id());
        }

        @Override
        public void onFailed(Job job) {
            seen.add("failed " + job.id());
        }

        @Override
        public void onCancelled(Job job) {
            seen.add("cancelled " + job.id());
        }
    }
}
