package narrator.app.segments;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import narrator.app.db.Database;
import narrator.app.jobs.Doorbell;
import narrator.app.jobs.Job;
import narrator.app.jobs.JobEvents;
import narrator.app.jobs.WorkSlots;
import narrator.app.storage.ObjectStore;
import narrator.app.storage.StorageKeys;
import narrator.core.NarratorException;
import narrator.pipeline.render.SegmentExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Segmented renders on this node: the executor each job draws its segments with ({@link #executor}), the loop that
 * draws other nodes' segments in a cluster ({@link #startWorker}), and the removal of a job's manifest and stored
 * segment files when the job ends (as a {@link JobEvents} listener: completed, failed or cancelled, on whichever
 * node records the end). A crash leaves both, for the requeued job to resume from.
 */
public final class Segments implements JobEvents {
    private static final Logger LOG = LoggerFactory.getLogger(Segments.class);

    /**
     * @param nodeId         this node's name (NODE_ID)
     * @param parallelism    segments of one job drawn at once by its own node (RENDER_PARALLELISM)
     * @param maxAttempts    draws of one segment before its job fails with the segment's error
     * @param heartbeatEvery how often a segment being drawn says so
     * @param staleAfter     a segment with no heartbeat for this long belongs to a dead worker (JOB_HEARTBEAT_TIMEOUT)
     * @param shared         other nodes may draw this node's segments: the database and the store are shared
     */
    public record Settings(String nodeId, int parallelism, int maxAttempts, Duration heartbeatEvery,
                           Duration staleAfter, boolean shared) {
        public static final int MAX_ATTEMPTS = 3;

        public Settings {
            Objects.requireNonNull(nodeId, "nodeId");
            if (parallelism < 1 || maxAttempts < 1) {
                throw new IllegalArgumentException("parallelism and maxAttempts must be at least 1");
            }
        }
    }

    private final SegmentStore store;
    private final ObjectStore files;
    private final StorageKeys keys;
    private final SegmentDrawer drawer;
    private final Settings settings;
    /** Unique per process, so this node's workers of an earlier (dead) process are told from its own. */
    private final String processId = UUID.randomUUID().toString().substring(0, 8);
    private final Doorbell bell = new Doorbell();
    private final SegmentSpecCodec codec = new SegmentSpecCodec();
    private SegmentWorker worker;

    public Segments(Database database, Clock clock, ObjectStore files, StorageKeys keys, SegmentDrawer drawer,
                    Settings settings) {
        this.store = new SegmentStore(database, clock);
        this.files = Objects.requireNonNull(files);
        this.keys = Objects.requireNonNull(keys);
        this.drawer = Objects.requireNonNull(drawer);
        this.settings = Objects.requireNonNull(settings);
    }

    /** The executor of one execution of {@code jobId}, working in {@code workDir}. */
    public SegmentExecutor executor(String jobId, Path workDir) {
        return new ManifestSegmentExecutor(jobId, workDir, this);
    }

    /**
     * Starts {@code threads} workers that draw queued segments of any job, each holding one of {@code slots} while
     * it draws, in directories under {@code workRoot}. Only where other nodes' segments can be drawn (shared).
     */
    public void startWorker(WorkSlots slots, int threads, Path workRoot) {
        if (!settings.shared() || threads < 1) {
            return;
        }
        worker = new SegmentWorker(this, slots, threads, workRoot);
        worker.start();
    }

    /** Something changed in some job's manifest (a segment queued, done or failed): look again. */
    public void wake() {
        bell.ring();
    }

    /** The job's manifest at a glance; empty when the job has none. */
    public Optional<SegmentStore.Summary> summary(String jobId) {
        return store.summary(jobId);
    }

    /** The draws of the job's segments so far. */
    public List<SegmentStore.Run> runs(String jobId) {
        return store.runs(jobId);
    }

    @Override
    public void onCompleted(Job job) {
        remove(job.id());
    }

    @Override
    public void onFailed(Job job) {
        remove(job.id());
    }

    @Override
    public void onCancelled(Job job) {
        remove(job.id());
    }

    /** Stops the worker, giving back the segments it was drawing. */
    public void close() {
        if (worker != null) {
            worker.close();
        }
    }

    /**
     * Removes the job's manifest, then its stored segment files and inputs. A worker storing a file after this
     * finds no row to mark done and deletes it itself ({@link #storeDrawn}).
     */
    private void remove(String jobId) {
        List<SegmentRow> rows = store.remove(jobId);
        if (rows.isEmpty()) {
            return;
        }
        rows.stream().map(SegmentRow::specJson).filter(Objects::nonNull).flatMap(spec -> codec.references(spec).stream())
                .distinct().forEach(name -> deleteQuietly(keys.segmentInput(jobId, name)));
        rows.forEach(row -> deleteQuietly(keys.segment(jobId, row.index(), row.fingerprint())));
        LOG.info("job {}: removed its {} segment(s) and their files", jobId, rows.size());
    }

    void deleteQuietly(String key) {
        try {
            files.delete(key);
        } catch (NarratorException e) {
            LOG.warn("could not delete {}: {}", key, e.getMessage());
        }
    }

    /**
     * Stores a drawn segment's file and marks the segment done by {@code workerId}. When the segment is no longer
     * that worker's and the job's manifest is gone (the job ended meanwhile), the file is deleted again, so that
     * nothing is left behind; when another worker owns it now, it stores the same bytes under the same key.
     */
    boolean storeDrawn(SegmentRow row, Path file, String workerId) {
        String key = keys.segment(row.jobId(), row.index(), row.fingerprint());
        files.put(key, file, "video/mp4");
        if (store.done(row.jobId(), row.index(), workerId, key)) {
            bell.ring();
            return true;
        }
        if (store.rows(row.jobId()).isEmpty()) {
            deleteQuietly(key);
        }
        return false;
    }

    SegmentStore store() {
        return store;
    }

    ObjectStore files() {
        return files;
    }

    StorageKeys keys() {
        return keys;
    }

    SegmentDrawer drawer() {
        return drawer;
    }

    Settings settings() {
        return settings;
    }

    SegmentSpecCodec codec() {
        return codec;
    }

    Doorbell bell() {
        return bell;
    }

    /** Worker ids of this process start with it; those of this node's earlier processes with {@link #nodePrefix}. */
    String processPrefix() {
        return settings.nodeId() + "/" + processId + "-";
    }

    String nodePrefix() {
        return settings.nodeId() + "/";
    }
}
