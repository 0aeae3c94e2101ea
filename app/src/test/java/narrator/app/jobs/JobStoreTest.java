package narrator.app.jobs;

import narrator.app.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import narrator.app.db.Database;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.Stage;
import narrator.app.db.DatabaseUrl;
import narrator.app.testing.Engine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@ParameterizedClass
@EnumSource(Engine.class)
class JobStoreTest {
    @Parameter
    Engine engine;
    private DatabaseUrl url;
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Duration STALE = Duration.ofMinutes(1);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private Database db;
    private JobStore store;

    @BeforeEach
    void open() {
        db = Database.open(url = engine.url(dir));
        store = new JobStore(db, clock, JobStore.DEFAULT_MAX_ATTEMPTS);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void enqueuesFindsAndListsNewestFirst() {
        Job first = store.enqueue(new NewJob(JobKind.RENDER, "{\"script\":\"a\"}", "{\"m\":1}", "http://hook", null)).job();
        clock.advance(Duration.ofSeconds(1));
        Job second = store.enqueue(new NewJob(JobKind.VOICEOVER, "{}", null, null, null)).job();
        Job third = store.enqueue(new NewJob(JobKind.RENDER_VIDEO, "{}", null, null, null)).job();
        store.claimNext("w1");

        Job found = store.find(first.id()).orElseThrow();
        assertEquals(JobKind.RENDER, found.kind());
        assertEquals("{\"script\":\"a\"}", found.requestJson());
        assertEquals("{\"m\":1}", found.metadataJson());
        assertEquals("http://hook", found.webhookUrl());
        assertEquals(T0, found.createdAt());
        assertEquals(JobStore.DEFAULT_MAX_ATTEMPTS, found.maxAttempts());
        assertEquals(JobStatus.PROCESSING, found.status());
        assertEquals(Optional.empty(), store.find("no-such-job"));

        assertEquals(List.of(third.id(), second.id(), first.id()), ids(store.list(Optional.empty(), 10)));
        assertEquals(List.of(third.id(), second.id()), ids(store.list(Optional.of(JobStatus.QUEUED), 10)));
        assertEquals(List.of(third.id()), ids(store.list(Optional.empty(), 1)));
    }

    @Test
    void repeatedIdempotencyKeyReturnsTheExistingJob() {
        Enqueued first = store.enqueue(new NewJob(JobKind.RENDER, "{\"a\":1}", null, null, "key-1"));
        Enqueued again = store.enqueue(new NewJob(JobKind.RENDER, "{\"a\":1}", null, null, "key-1"));
        Enqueued other = store.enqueue(new NewJob(JobKind.RENDER, "{}", null, null, "key-2"));

        assertTrue(first.created());
        assertFalse(again.created());
        assertEquals(first.job().id(), again.job().id());
        assertTrue(other.created());
    }

    @Test
    void idempotencyKeysAreScopedPerKindAndRefuseADifferentRequest() {
        Enqueued render = store.enqueue(new NewJob(JobKind.RENDER, "{\"a\":1}", null, null, "key-1"));
        Enqueued voiceover = store.enqueue(new NewJob(JobKind.VOICEOVER, "{\"a\":1}", null, null, "key-1"));

        assertTrue(voiceover.created());
        assertNotEquals(render.job().id(), voiceover.job().id());
        NarratorException e = assertThrows(NarratorException.class,
                () -> store.enqueue(new NewJob(JobKind.RENDER, "{\"a\":2}", null, null, "key-1")));
        assertEquals(ErrorCode.IDEMPOTENCY_MISMATCH, e.code());
        assertEquals(render.job().id(), e.details().get("job_id"));
        assertThrows(NarratorException.class,
                () -> store.enqueue(new NewJob(JobKind.RENDER, "{\"a\":1}", "{\"m\":1}", null, "key-1")));
        assertEquals(2, store.list(Optional.empty(), 100).size());
    }

    @Test
    void aCallersOwnIdIsKeptAndOneAlreadyTakenIsAConflictUnlessItsKeyReplays() {
        Enqueued mine = store.enqueue(new NewJob(JobKind.CAPTIONS, "{\"a\":1}", null, null, "key-1", "job-123"));
        Enqueued replay = store.enqueue(new NewJob(JobKind.CAPTIONS, "{\"a\":1}", null, null, "key-1", "job-123"));

        assertEquals("job-123", mine.job().id());
        assertEquals(JobKind.CAPTIONS, store.find("job-123").orElseThrow().kind());
        assertFalse(replay.created(), "the same key replays the job");
        NarratorException e = assertThrows(NarratorException.class,
                () -> store.enqueue(new NewJob(JobKind.CAPTIONS, "{\"a\":2}", null, null, null, "job-123")));
        assertEquals(ErrorCode.CONFLICT, e.code());
        assertEquals("job-123", e.details().get("job_id"));
        assertEquals(1, store.list(Optional.empty(), 100).size());
    }

    @Test
    void tenThreadsRacingWithOneKeyCreateOneJob() throws Exception {
        List<Enqueued> results = race(10, () -> store.enqueue(new NewJob(JobKind.RENDER, "{}", null, null, "same")));

        assertEquals(1, results.stream().filter(Enqueued::created).count());
        assertEquals(1, results.stream().map(e -> e.job().id()).distinct().count());
        assertEquals(1, store.list(Optional.empty(), 100).size());
    }

    @Test
    void claimTakesTheOldestQueuedJob() {
        Job older = store.enqueue(new NewJob(JobKind.RENDER, "{}", null, null, null)).job();
        Job newer = store.enqueue(new NewJob(JobKind.RENDER, "{}", null, null, null)).job();
        clock.advance(Duration.ofSeconds(5));

        Job claimed = store.claimNext("w1").orElseThrow();

        assertEquals(older.id(), claimed.id());
        assertEquals(JobStatus.PROCESSING, claimed.status());
        assertEquals(1, claimed.attempts());
        assertEquals("w1", claimed.pickedBy());
        assertEquals(T0.plusSeconds(5), claimed.startedAt());
        assertEquals(T0.plusSeconds(5), claimed.lastHeartbeat());
        assertEquals(newer.id(), store.claimNext("w2").orElseThrow().id());
        assertEquals(Optional.empty(), store.claimNext("w3"));
    }

    @Test
    void twoStoresOnOneFileNeverClaimTheSameJob() throws Exception {
        try (Database other = Database.open(url)) {
            JobStore second = new JobStore(other, clock, JobStore.DEFAULT_MAX_ATTEMPTS);
            store.enqueue(new NewJob(JobKind.RENDER, "{}", null, null, null));

            List<JobStore> stores = List.of(store, second);
            AtomicInteger racer = new AtomicInteger();
            List<Optional<Job>> oneJob = race(2, () -> {
                int me = racer.getAndIncrement();
                return stores.get(me % 2).claimNext("w" + me);
            });
            assertEquals(1, oneJob.stream().filter(Optional::isPresent).count());

            for (int i = 0; i < 50; i++) {
                store.enqueue(new NewJob(JobKind.RENDER, "{}", null, null, null));
            }
            Set<String> claimedOnce = ConcurrentHashMap.newKeySet();
            List<Integer> perThread = race(8, () -> {
                int me = racer.getAndIncrement();
                int claims = 0;
                for (Optional<Job> job; (job = stores.get(me % 2).claimNext("w" + me)).isPresent(); claims++) {
                    assertTrue(claimedOnce.add(job.get().id()), "claimed twice: " + job.get().id());
                }
                return claims;
            });
            assertEquals(50, perThread.stream().mapToInt(Integer::intValue).sum());
            assertEquals(50, claimedOnce.size());
        }
    }

    @Test
    void racingSubmitsThroughTwoStoresNeverOverfillTheQueue() throws Exception {
        try (Database other = Database.open(url)) {
            List<JobStore> stores = List.of(store, new JobStore(other, clock, JobStore.DEFAULT_MAX_ATTEMPTS));
            AtomicInteger racer = new AtomicInteger();
            List<String> outcomes = race(8, () -> {
                try {
                    stores.get(racer.getAndIncrement() % 2).enqueue(new NewJob(JobKind.RENDER, "{}", null, null, null), 5);
                    return "queued";
                } catch (NarratorException e) {
                    return e.code().name();
                }
            });
            assertEquals(5, outcomes.stream().filter("queued"::equals).count(), outcomes.toString());
            assertEquals(3, outcomes.stream().filter("QUEUE_FULL"::equals).count(), outcomes.toString());
            assertEquals(5, store.counts().queued());
        }
    }

    @Test
    void oneKeySubmittedAtOnceThroughTwoStoresCreatesOneJob() throws Exception {
        try (Database other = Database.open(url)) {
            List<JobStore> stores = List.of(store, new JobStore(other, clock, JobStore.DEFAULT_MAX_ATTEMPTS));
            AtomicInteger racer = new AtomicInteger();
            List<Enqueued> results = race(8, () -> stores.get(racer.getAndIncrement() % 2)
                    .enqueue(new NewJob(JobKind.RENDER, "{}", null, null, "shared-key")));
            assertEquals(1, results.stream().filter(Enqueued::created).count());
            assertEquals(1, results.stream().map(e -> e.job().id()).distinct().count());
            assertEquals(1, store.list(Optional.empty(), 10).size());
        }
    }

    @Test
    void endingsAreGuardedByStatusAndOwner() {
        String id = enqueueAndClaim("w1");

        assertFalse(store.complete(id, "someone-else", "{}"));
        assertTrue(store.complete(id, "w1", "{\"url\":\"x\"}"));
        assertFalse(store.complete(id, "w1", "{}"), "completing twice");
        assertFalse(store.fail(id, "w1", ErrorCode.INTERNAL, "late"));
        assertFalse(store.requeue(id, "w1"));

        Job done = store.find(id).orElseThrow();
        assertEquals(JobStatus.COMPLETED, done.status());
        assertEquals("{\"url\":\"x\"}", done.resultJson());
        assertEquals(100, done.progress());
        assertNull(done.errorCode());

        String failing = enqueueAndClaim("w2");
        assertTrue(store.fail(failing, "w2", ErrorCode.RENDER_FAILED, "ffmpeg exited with 1"));
        Job failed = store.find(failing).orElseThrow();
        assertEquals(JobStatus.FAILED, failed.status());
        assertEquals(ErrorCode.RENDER_FAILED, failed.errorCode());
        assertEquals("ffmpeg exited with 1", failed.errorMessage());
    }

    @Test
    void cancellingAQueuedJobEndsItAtOnce() {
        Job job = store.enqueue(new NewJob(JobKind.RENDER, "{}", null, null, null)).job();

        Job cancelled = store.requestCancel(job.id());

        assertEquals(JobStatus.CANCELLED, cancelled.status());
        assertEquals(T0, cancelled.finishedAt());
        assertEquals(Optional.empty(), store.claimNext("w1"));
        assertEquals(ErrorCode.CONFLICT, assertThrows(NarratorException.class, () -> store.requestCancel(job.id())).code());
        assertEquals(ErrorCode.NOT_FOUND, assertThrows(NarratorException.class, () -> store.requestCancel("nope")).code());
    }

    @Test
    void cancellingAProcessingJobFlagsItAndOnlyCancelCanEndIt() {
        String id = enqueueAndClaim("w1");

        Job flagged = store.requestCancel(id);

        assertEquals(JobStatus.PROCESSING, flagged.status());
        assertTrue(flagged.cancelRequested());
        assertTrue(store.heartbeat(id, "w1").orElseThrow().cancelRequested());
        assertFalse(store.complete(id, "w1", "{}"));
        assertFalse(store.fail(id, "w1", ErrorCode.RENDER_FAILED, "killed"));
        assertFalse(store.requeue(id, "w1"));
        assertTrue(store.markCancelled(id, "w1"));
        assertEquals(JobStatus.CANCELLED, store.find(id).orElseThrow().status());
        assertEquals(ErrorCode.CONFLICT, assertThrows(NarratorException.class, () -> store.requestCancel(id)).code());
    }

    @Test
    void markCancelledNeedsARequest() {
        String id = enqueueAndClaim("w1");
        assertFalse(store.markCancelled(id, "w1"));
    }

    @Test
    void restartRequeuesProcessingJobsKeepingAttempts() {
        String id = enqueueAndClaim("node-a/dead-worker");
        clock.advance(STALE.plusSeconds(1));

        List<Job> recovered = store.recoverAfterRestart("node-a", STALE);

        assertEquals(List.of(id), ids(recovered));
        Job requeued = store.find(id).orElseThrow();
        assertEquals(JobStatus.QUEUED, requeued.status());
        assertEquals(1, requeued.attempts());
        assertNull(requeued.pickedBy());
        assertEquals(Optional.empty(), store.heartbeat(id, "node-a/dead-worker"));
        assertEquals(2, store.claimNext("w2").orElseThrow().attempts());
    }

    @Test
    void aNodeRestartingOnASharedDatabaseTakesBackItsOwnJobsAtOnce() {
        String mine = enqueueAndClaim("node-a/1");
        String theirs = enqueueAndClaim("node-ab/1");

        List<Job> recovered = store.recoverAfterRestart("node-a", STALE);

        assertEquals(engine == Engine.SQLITE ? List.of(mine, theirs) : List.of(mine), ids(recovered));
    }

    @Test
    void restartFailsAJobThatUsedUpItsAttempts() {
        JobStore once = new JobStore(db, clock, 1);
        Job job = once.enqueue(new NewJob(JobKind.RENDER, "{}", null, null, null)).job();
        once.claimNext("node-a/dead-worker");
        clock.advance(STALE.plusSeconds(1));

        Job failed = once.recoverAfterRestart("node-a", STALE).get(0);

        assertEquals(job.id(), failed.id());
        assertEquals(JobStatus.FAILED, failed.status());
        assertEquals(ErrorCode.INTERNAL, failed.errorCode());
        assertEquals("gave up after 1 attempt (the service restarted during the job)", failed.errorMessage());
    }

    @Test
    void restartCancelsAJobWhoseCancelWasRequested() {
        String id = enqueueAndClaim("node-a/dead-worker");
        store.requestCancel(id);
        clock.advance(STALE.plusSeconds(1));

        assertEquals(JobStatus.CANCELLED, store.recoverAfterRestart("node-a", STALE).get(0).status());
    }

    /** A node starting on a shared database leaves the jobs other nodes are running (their heartbeats are fresh). */
    @Test
    void restartTakesEveryProcessingJobOnlyWhereOneProcessOwnsTheDatabase() {
        String id = enqueueAndClaim("live-worker-elsewhere");
        clock.advance(STALE.minusSeconds(1));

        List<Job> recovered = store.recoverAfterRestart("node-a", STALE);

        assertEquals(engine == Engine.SQLITE ? List.of(id) : List.of(), ids(recovered));
    }

    @Test
    void onlyStaleHeartbeatsAreRequeued() {
        String id = enqueueAndClaim("w1");
        clock.advance(Duration.ofSeconds(50));
        assertTrue(store.heartbeat(id, "w1").isPresent());
        clock.advance(Duration.ofSeconds(50));

        assertEquals(List.of(), store.requeueStale(Duration.ofMinutes(1)));

        clock.advance(Duration.ofSeconds(11));
        assertEquals(List.of(id), ids(store.requeueStale(Duration.ofMinutes(1))));
        assertEquals(JobStatus.QUEUED, store.find(id).orElseThrow().status());
        assertEquals(Optional.empty(), store.heartbeat(id, "w1"), "the old worker lost the job");
        assertFalse(store.complete(id, "w1", "{}"));
    }

    @Test
    void gracefulRequeueGivesTheAttemptBack() {
        String id = enqueueAndClaim("w1");

        assertTrue(store.requeue(id, "w1"));

        Job job = store.find(id).orElseThrow();
        assertEquals(JobStatus.QUEUED, job.status());
        assertEquals(0, job.attempts());
    }

    @Test
    void storesProgressAndTimings() {
        String id = enqueueAndClaim("w1");

        store.updateProgress(id, Stage.RENDERING, 42.5, 60.4);
        store.recordTiming(id, Stage.SYNTHESIZING, Duration.ofMillis(1234));
        store.recordTiming(id, Stage.RENDERING, Duration.ofMillis(5678));

        Job job = store.find(id).orElseThrow();
        assertEquals(Stage.RENDERING, job.stage());
        assertEquals(42.5, job.progress());
        assertEquals(60.4, job.overallProgress());
        assertEquals(Map.of("synthesizing", 1234L, "rendering", 5678L), job.timingsMillis());
    }

    @Test
    void countsAndEstimatesTheWait() {
        assertEquals(new QueueCounts(0, 0, Duration.ZERO), store.counts());
        for (long seconds : new long[] {10, 30}) {
            String id = enqueueAndClaim("w");
            clock.advance(Duration.ofSeconds(seconds));
            store.complete(id, "w", "{}");
        }
        enqueueAndClaim("w");
        for (int i = 0; i < 4; i++) {
            store.enqueue(new NewJob(JobKind.RENDER, "{}", null, null, null));
        }

        QueueCounts counts = store.counts();

        assertEquals(new QueueCounts(4, 1, Duration.ofSeconds(20)), counts);
        assertEquals(Duration.ofSeconds(40), counts.estimatedWait(2), "5 ahead, 2 at a time: 2 waves before a slot");
        assertEquals(Duration.ZERO, counts.estimatedWait(6));
    }

    private String enqueueAndClaim(String workerId) {
        String id = store.enqueue(new NewJob(JobKind.RENDER, "{}", null, null, null)).job().id();
        assertEquals(id, store.claimNext(workerId).orElseThrow().id());
        return id;
    }

    private static List<String> ids(List<Job> jobs) {
        return jobs.stream().map(Job::id).toList();
    }

    /** Runs {@code task} on {@code threads} threads released together; returns their results. */
    private static <T> List<T> race(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
