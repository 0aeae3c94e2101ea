package narrator.app.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs queued jobs on one node: {@code maxConcurrent} worker threads each claim a job from the {@link JobStore},
 * run the {@link JobHandler} on it and record how it ended; so at most {@code maxConcurrent} jobs
 * run at once, whether submitted for a webhook or awaited by a synchronous request. A submit rings
 * a doorbell so an idle worker claims at once; idle workers also look every {@code pollEvery}, the
 * safety net for jobs enqueued without a ring (or on another node). A housekeeping thread, every
 * {@code heartbeatEvery} or {@code pollEvery} (the shorter), sends heartbeats, notices cancels requested
 * through the database (on any node), stops executions past their time limit, recovers stale executions
 * of any node, and tells waiters of jobs that ended on another node. Every claim and its end are written
 * to the {@code job_runs} history. Time is read from an injected ticker, and one round of
 * housekeeping ({@link #housekeepOnce()}) or one claim ({@link #claimOnce}) can be run by hand, so
 * tests turn time themselves instead of waiting on timers.
 *
 * <p>How an execution ends, given what happened:
 * <ul>
 *   <li>a cancel was requested: {@code cancelled}, whatever the handler did (the store refuses any
 *       other ending once {@code cancel_requested} is set);
 *   <li>the handler returned: {@code completed}, even if a timeout or shutdown fired as it returned;
 *   <li>the job ran past {@code jobTimeout}: {@code failed} with TIMEOUT;
 *   <li>the service is shutting down ({@link #close()}): back to {@code queued}, attempt given back,
 *       so the next start runs it again;
 *   <li>the handler threw {@link NarratorException}: {@code failed} with its code and message;
 *       anything else: {@code failed} with INTERNAL and a generic message (the stack trace is logged).
 * </ul>
 * The job's work directory is deleted in every case.
 */
public final class JobScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);

    /**
     * @param nodeId this node's name (NODE_ID): its workers are {@code nodeId/...} in the store
     * @param maxConcurrent jobs running at once (MAX_CONCURRENT_JOBS); 0 on a node that never runs jobs
     * @param jobTimeout how long one execution may run (JOB_TIMEOUT)
     * @param workRoot parent of the per-job work directories; everything in it at start is deleted
     * @param heartbeatEvery how often a running job's heartbeat is stored
     * @param pollEvery how often idle workers look for work without being woken
     * @param staleAfter a processing job without a heartbeat for this long belongs to a dead process
     * @param shutdownGrace how long {@link #close()} waits for running jobs to stop
     */
    public record Settings(String nodeId, int maxConcurrent, Duration jobTimeout, Path workRoot, Duration heartbeatEvery,
            Duration pollEvery, Duration staleAfter, Duration shutdownGrace) {

        public Settings {
            Objects.requireNonNull(nodeId, "nodeId");
            if (maxConcurrent < 0) {
                throw new IllegalArgumentException("maxConcurrent must be at least 0, got " + maxConcurrent);
            }
            Objects.requireNonNull(workRoot, "workRoot");
            for (Duration d : List.of(jobTimeout, heartbeatEvery, pollEvery, staleAfter, shutdownGrace)) {
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("durations must be positive, got " + d);
                }
            }
            if (staleAfter.compareTo(heartbeatEvery.multipliedBy(3)) < 0) {
                throw new IllegalArgumentException("staleAfter must allow at least three missed heartbeats");
            }
        }

        /** How often a running job (or segment) tells the database it is alive. */
        public static final Duration HEARTBEAT_EVERY = Duration.ofMillis(500);

        /**
         * Heartbeats every 500 ms (so a cancel posted to any node stops the job within a second), polls
         * every second, 10 s to shut down.
         */
        public static Settings of(String nodeId, int maxConcurrent, Duration jobTimeout, Path workRoot,
                                  Duration staleAfter) {
            return new Settings(nodeId, maxConcurrent, jobTimeout, workRoot, HEARTBEAT_EVERY, Duration.ofSeconds(1),
                    staleAfter, Duration.ofSeconds(10));
        }
    }

    private final JobStore store;
    private final JobRuns runs;
    private final Settings settings;
    private final JobHandler handler;
    private final GuardedEvents events;
    /** Unique per scheduler, so worker ids (the store's {@code picked_by}) never repeat across restarts. */
    private final String schedulerId = UUID.randomUUID().toString().substring(0, 8);
    private final Doorbell doorbell = new Doorbell();
    private final Map<String, Execution> running = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Job>> waiters = new ConcurrentHashMap<>();
    private final List<Thread> workers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService housekeeper;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final LongSupplier ticker;
    private final WorkSlots slots;

    public JobScheduler(JobStore store, Settings settings, JobHandler handler, JobEvents events) {
        this(store, settings, handler, events, new WorkSlots(Math.max(1, settings.maxConcurrent())));
    }

    /** As above, each worker taking one of {@code slots} while it claims and runs a job. */
    public JobScheduler(JobStore store, Settings settings, JobHandler handler, JobEvents events, WorkSlots slots) {
        this(store, settings, handler, events, System::nanoTime, slots);
    }

    /** {@code ticker}: the time in nanoseconds that heartbeats and time limits are measured by. */
    JobScheduler(JobStore store, Settings settings, JobHandler handler, JobEvents events, LongSupplier ticker) {
        this(store, settings, handler, events, ticker, new WorkSlots(Math.max(1, settings.maxConcurrent())));
    }

    private JobScheduler(JobStore store, Settings settings, JobHandler handler, JobEvents events, LongSupplier ticker,
                         WorkSlots slots) {
        this.slots = Objects.requireNonNull(slots);
        this.ticker = Objects.requireNonNull(ticker);
        this.store = Objects.requireNonNull(store);
        this.runs = store.runs();
        this.settings = Objects.requireNonNull(settings);
        this.handler = Objects.requireNonNull(handler);
        this.events = new GuardedEvents(Objects.requireNonNull(events));
        this.housekeeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "narrator-jobs-" + schedulerId + "-housekeeper");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Recovers the jobs a previous process left processing, announces the endings it stored but did
     * not live to announce, deletes every leftover work directory
     * (after recovery no job is processing, so all of them are orphans), then starts the workers.
     */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("scheduler already started");
        }
        for (Job job : store.recoverAfterRestart(settings.nodeId(), settings.staleAfter())) {
            log.info("job {} recovered after restart: now {}", job.id(), job.status().label());
            runs.abandoned(job.id());
            ended(job);
        }
        for (Job job : store.unannouncedEndings()) {
            log.info("job {} ended {} just before the previous process stopped: announcing it now", job.id(),
                    job.status().label());
            ended(job);
        }
        try {
            WorkDirs.emptyDirectory(settings.workRoot());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare work root " + settings.workRoot(), e);
        }
        for (int i = 1; i <= settings.maxConcurrent(); i++) {
            String workerId = settings.nodeId() + "/" + schedulerId + "-" + i;
            Thread worker = new Thread(() -> work(workerId), "narrator-jobs-" + workerId);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        long poll = Math.min(settings.pollEvery().toMillis(), settings.heartbeatEvery().toMillis());
        housekeeper.scheduleWithFixedDelay(this::housekeepOnce, poll, poll, TimeUnit.MILLISECONDS);
    }

    /** Enqueues a job and wakes a worker for it. */
    public Enqueued submit(NewJob job) {
        return submit(job, Integer.MAX_VALUE);
    }

    /** As {@link #submit(NewJob)}; {@code QUEUE_FULL} when {@code maxQueued} jobs are waiting already. */
    public Enqueued submit(NewJob job, int maxQueued) {
        Enqueued enqueued = store.enqueue(job, maxQueued);
        if (enqueued.created()) {
            events.onSubmitted(enqueued.job());
            doorbell.ring();
        }
        return enqueued;
    }

    /** Wakes idle workers to claim at once: another node has queued a job (or put one back). */
    public void wake() {
        doorbell.ring();
    }

    /**
     * Cancels a job: a queued one ends {@code cancelled} at once; a running one is flagged in the
     * database and its cancel signal fires now, and it ends {@code cancelled} when its handler stops.
     * Returns the job after the request.
     *
     * @throws NarratorException NOT_FOUND for an unknown id, CONFLICT for a job that already ended
     */
    public Job cancel(String id) {
        Job job = store.requestCancel(id);
        if (job.status() == JobStatus.CANCELLED) {
            log.info("job {} cancelled while queued", id);
            ended(job);
        } else {
            Execution execution = running.get(id);
            if (execution != null) {
                execution.signal.cancel();
            }
        }
        return job;
    }

    /**
     * Completes with the job once it has ended (completed, failed or cancelled) - at once if it already
     * has. Each call gets its own future, so a caller may time it out or cancel it freely. Fails with
     * NOT_FOUND for an unknown id, and with INTERNAL if this scheduler closes first.
     */
    public CompletableFuture<Job> whenFinished(String id) {
        CompletableFuture<Job> shared = waiters.computeIfAbsent(id, key -> new CompletableFuture<>());
        // Registered before reading, and an ending is stored before waiters are told: either this read
        // sees the ending or the ending sees this waiter.
        Optional<Job> now = store.find(id);
        if (now.isEmpty()) {
            waiters.remove(id, shared);
            shared.completeExceptionally(new NarratorException(ErrorCode.NOT_FOUND, "No job with id " + id));
        } else if (now.get().status().isTerminal()) {
            waiters.remove(id, shared);
            shared.complete(now.get());
        }
        return shared.copy();
    }

    /**
     * Drains this node: stops claiming, lets the running jobs finish as they would, and returns once
     * they have ended (each within JOB_TIMEOUT). Jobs still queued are left to other nodes. Call
     * {@link #close()} afterwards.
     */
    public void drain() {
        draining.set(true);
        doorbell.ring();
        log.info("draining: claiming no more jobs; waiting for {} running job(s)", running.size());
        try {
            for (Thread worker : workers) {
                worker.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops claiming, tells running jobs to stop (their cancel signals fire) and waits up to
     * {@code shutdownGrace} for them; each that stops goes back to {@code queued} for the next start.
     * A job still running after the grace is left {@code processing}, as after a crash, and the next
     * start recovers it (its attempt counts).
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        doorbell.ring();
        running.values().forEach(Execution::shutDown);
        if (!awaitWorkers(settings.shutdownGrace())) {
            log.warn("{} job(s) did not stop within {} ms; they stay processing until the next start recovers them",
                    running.size(), settings.shutdownGrace().toMillis());
        }
        housekeeper.shutdownNow();
        NarratorException closing = new NarratorException(ErrorCode.INTERNAL, "The job scheduler shut down");
        waiters.keySet().forEach(id -> {
            CompletableFuture<Job> waiter = waiters.remove(id);
            if (waiter != null) {
                waiter.completeExceptionally(closing);
            }
        });
    }

    /** Waits for the worker threads to end; true if they all did within {@code timeout}. */
    boolean awaitWorkers(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (Thread worker : workers) {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    TimeUnit.NANOSECONDS.timedJoin(worker, left);
                }
                if (worker.isAlive()) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void work(String workerId) {
        while (!closed.get() && !draining.get()) {
            long seen = doorbell.rings();
            try {
                // A slot is held only while claiming and running, so an idle worker leaves it to speech requests;
                // waiting at most a poll keeps close() and drain() prompt.
                if (!slots.take(settings.pollEvery())) {
                    continue;
                }
            } catch (InterruptedException e) {
                return;
            }
            try {
                if (claimOnce(workerId)) {
                    continue;
                }
            } catch (RuntimeException e) {
                // The job, if any, keeps its processing row; without heartbeats it goes stale and is recovered.
                log.error("worker {} failed", workerId, e);
            } finally {
                slots.give();
            }
            try {
                doorbell.await(seen, settings.pollEvery());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Claims the oldest queued job, if any, and runs it on this thread as {@code workerId}; false when none was queued. */
    boolean claimOnce(String workerId) {
        if (draining.get()) {
            return false;
        }
        Optional<Job> claimed = store.claimNext(workerId);
        claimed.ifPresent(job -> run(job, workerId));
        return claimed.isPresent();
    }

    private void run(Job job, String workerId) {
        // One directory per attempt, so a stale execution still cleaning up never deletes its successor's.
        // Recorded after the claim, not with it: a node dying in between leaves a claim with no run, which
        // never ran anything either.
        String runId = runs.started(job, settings.nodeId(), workerId);
        Execution execution = new Execution(job, workerId, runId,
                settings.workRoot().resolve(job.id() + "-" + job.attempts()), ticker);
        running.put(job.id(), execution);
        Outcome outcome;
        try {
            // A close or cancel that raced with the claim did not see this execution; check for it here.
            if (closed.get()) {
                execution.shutDown();
            }
            if (store.find(job.id()).map(Job::cancelRequested).orElse(false)) {
                execution.signal.cancel();
            }
            if (execution.signal.isCancelled()) {
                outcome = Outcome.stopped();
            } else {
                log.info("job {} ({}) started by {}, attempt {} of {}", job.id(), job.kind().label(), workerId,
                        job.attempts(), job.maxAttempts());
                events.onStarted(job);
                outcome = invokeHandler(execution);
            }
        } finally {
            // Cleaned up before the ending is announced, so whoever hears of it finds nothing left behind.
            running.remove(job.id());
            WorkDirs.deleteRecursively(execution.workDir);
        }
        record(execution, decide(execution, outcome));
    }

    private Outcome invokeHandler(Execution execution) {
        Job job = execution.job;
        JobContext context = new JobContext(job, execution.workDir, execution.signal, store, events, ticker);
        try {
            Files.createDirectories(execution.workDir);
            JobResult result = handler.handle(job, context);
            return Outcome.completed(result.resultJson());
        } catch (NarratorException e) {
            context.recordFailureStage();
            String shown = UserMessages.withoutPaths(e.getMessage(), execution.workDir, settings.workRoot().getParent());
            if (!shown.equals(e.getMessage())) {
                log.info("job {} failed: {}", job.id(), e.getMessage());
            }
            return Outcome.failed(e.code(), shown);
        } catch (IOException | RuntimeException e) {
            context.recordFailureStage();
            log.error("job {} failed unexpectedly", job.id(), e);
            return Outcome.failed(ErrorCode.INTERNAL, "The job failed because of an internal error");
        }
    }

    /** Applies the precedence in the class comment; cancels are settled by the store itself. */
    private Outcome decide(Execution execution, Outcome fromHandler) {
        if (fromHandler.status() == JobStatus.COMPLETED) {
            return fromHandler;
        }
        if (execution.timedOut) {
            return Outcome.failed(ErrorCode.TIMEOUT, "The job ran past its time limit of " + describe(settings.jobTimeout()));
        }
        if (execution.shuttingDown) {
            return Outcome.stopped();
        }
        return fromHandler;
    }

    /** "30 min", "90 s" or "300 ms": the coarsest unit that states the limit exactly. */
    static String describe(Duration limit) {
        if (limit.toMillisPart() != 0 || limit.isZero()) {
            return limit.toMillis() + " ms";
        }
        return limit.toSecondsPart() != 0 ? limit.toSeconds() + " s" : limit.toMinutes() + " min";
    }

    private void record(Execution execution, Outcome outcome) {
        String id = execution.job.id();
        String workerId = execution.workerId;
        boolean recorded = switch (outcome.status()) {
            case COMPLETED -> store.complete(id, workerId, outcome.resultJson());
            case FAILED -> store.fail(id, workerId, outcome.code(), outcome.message());
            default -> store.requeue(id, workerId);
        };
        // Refused: either a cancel was requested (then it ends cancelled) or the job is no longer ours.
        if (!recorded && !store.markCancelled(id, workerId)) {
            runs.ended(execution.runId, "lost");
            log.warn("job {}: execution by {} no longer owns the job; its outcome is dropped", id, workerId);
            return;
        }
        Job after = store.find(id).orElseThrow();
        runs.ended(execution.runId, after.status() == JobStatus.QUEUED ? "requeued" : after.status().label());
        log.info("job {} {} after {} ms{}", id, after.status().label(), execution.elapsed().toMillis(),
                after.errorCode() == null ? "" : " (" + after.errorCode() + ": " + after.errorMessage() + ")");
        ended(after);
    }

    private void ended(Job job) {
        if (!job.status().isTerminal()) {
            return;
        }
        events.onEnded(job);
        store.markEndAnnounced(job.id());
        CompletableFuture<Job> waiter = waiters.remove(job.id());
        if (waiter != null) {
            waiter.complete(job);
        }
    }

    /**
     * One round of housekeeping: heartbeats first, so that this process's own jobs are never found
     * stale after a pause, then time limits, then stale executions of other processes.
     */
    void housekeepOnce() {
        // An exception escaping a scheduled task would cancel every later run of it.
        try {
            long now = ticker.getAsLong();
            for (Execution execution : running.values()) {
                if (now - execution.startNanos() >= settings.jobTimeout().toNanos() && !execution.timedOut) {
                    execution.timeOut();
                }
                if (now - execution.lastHeartbeatNanos >= settings.heartbeatEvery().toNanos()) {
                    execution.lastHeartbeatNanos = now;
                    Optional<Job> row = store.heartbeat(execution.job.id(), execution.workerId);
                    if (row.isEmpty()) {
                        log.warn("job {}: lost to another worker; stopping this execution", execution.job.id());
                        execution.signal.cancel();
                    } else if (row.get().cancelRequested()) {
                        execution.signal.cancel();
                    }
                }
            }
            List<Job> recovered = store.requeueStale(settings.staleAfter());
            for (Job job : recovered) {
                log.warn("job {} had a stale heartbeat: now {}", job.id(), job.status().label());
                runs.abandoned(job.id());
                ended(job);
            }
            answerWaitersOfOtherNodes();
            if (!recovered.isEmpty()) {
                doorbell.ring();
            }
        } catch (RuntimeException e) {
            log.error("job housekeeping failed", e);
        }
    }

    /** Completes the waiters of jobs this node does not run once the job has ended, wherever it ran. */
    private void answerWaitersOfOtherNodes() {
        for (String id : waiters.keySet()) {
            if (!running.containsKey(id)) {
                store.find(id).filter(job -> job.status().isTerminal()).ifPresent(job -> {
                    CompletableFuture<Job> waiter = waiters.remove(id);
                    if (waiter != null) {
                        waiter.complete(job);
                    }
                });
            }
        }
    }

    /** How the handler's run ended, before it is stored: completed, failed, or back to the queue. */
    private record Outcome(JobStatus status, String resultJson, ErrorCode code, String message) {
        static Outcome completed(String resultJson) {
            return new Outcome(JobStatus.COMPLETED, resultJson, null, null);
        }

        static Outcome failed(ErrorCode code, String message) {
            return new Outcome(JobStatus.FAILED, null, code, message);
        }

        /** Stopped before finishing, not by its own fault. */
        static Outcome stopped() {
            return new Outcome(JobStatus.QUEUED, null, null, null);
        }
    }
}
