package narrator.app.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import narrator.app.api.RequestParser;
import narrator.app.spec.CaptionsSpecCodec;
import narrator.app.spec.JobSpecCodec;
import narrator.app.storage.DiskSpace;
import narrator.app.storage.DiskUsage;
import narrator.app.storage.ObjectStore;
import narrator.app.storage.OutputsRemoval;
import narrator.app.storage.StorageKeys;
import narrator.app.jobs.Retention;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import narrator.app.config.Role;
import narrator.app.config.Settings;
import narrator.app.db.Database;
import narrator.app.download.AddressPolicy;
import narrator.app.http.HealthReport;
import narrator.app.http.HttpApi;
import narrator.app.metrics.MemoryReadings;
import narrator.app.metrics.Metrics;
import narrator.app.jobs.JobEvents;
import narrator.app.jobs.JobHandler;
import narrator.app.jobs.JobKind;
import narrator.app.jobs.JobScheduler;
import narrator.app.jobs.JobStore;
import narrator.app.jobs.QueueCounts;
import narrator.app.jobs.WorkSlots;
import narrator.app.segments.SegmentStore;
import narrator.app.segments.Segments;
import narrator.app.openai.SpeechStreamer;
import narrator.pipeline.script.ScriptSplitter;
import narrator.pipeline.script.SplitRules;
import narrator.app.webhooks.WebhookDispatcher;
import narrator.app.webhooks.WebhookEvents;
import narrator.app.webhooks.WebhookOutbox;
import narrator.core.NarratorException;
import narrator.pipeline.render.Encoder;
import narrator.pipeline.render.FfmpegCommand;
import narrator.pipeline.render.FfmpegRunner;
import narrator.tts.catalogue.VoiceCatalogue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of {@code narrator serve}: builds every part once from the settings, starts
 * them in dependency order and stops them in reverse, so running jobs go back to the queue and
 * pending webhooks stay in the database for the next start.
 */
public final class NarratorService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NarratorService.class);
    public static final String VERSION = "1.0.0";
    static final int RETENTION_BATCH = 100;

    private final Database database;
    private final Assembly parts;
    private final Metrics metrics;
    private final WebhookDispatcher dispatcher;
    private final JobScheduler scheduler;
    private final Segments segments;
    /**
     * Jobs and segments other nodes queue wake this node's idle workers, and segments they finish wake the jobs
     * waiting for them (PostgreSQL's NOTIFY; nothing on SQLite).
     */
    private final List<AutoCloseable> announcements;
    private final Javalin http;
    private final ScheduledExecutorService housekeeping;

    private NarratorService(Database database, Assembly parts, Metrics metrics, WebhookDispatcher dispatcher,
                            JobScheduler scheduler, Segments segments, List<AutoCloseable> announcements, Javalin http,
                            ScheduledExecutorService housekeeping) {
        this.segments = segments;
        this.metrics = metrics;
        this.announcements = announcements;
        this.housekeeping = housekeeping;
        this.database = database;
        this.parts = parts;
        this.dispatcher = dispatcher;
        this.scheduler = scheduler;
        this.http = http;
    }

    public static NarratorService start(Settings settings) {
        Path dataDir = settings.server().dataDir();
        Clock clock = Clock.systemUTC();
        ObjectMapper json = new ObjectMapper();
        Database database = Database.open(settings.server().database());
        Assembly parts = null;
        Metrics metrics = null;
        try {
            JobStore jobs = new JobStore(database, clock, settings.queue().maxAttempts());
            // File links need the port before the server starts, so PORT=0 picks a free one here.
            int port = settings.server().port() == 0 ? freePort(settings.server().host()) : settings.server().port();
            Role role = settings.cluster().role();
            // DATA_DIR holds a node's own work directories, so no two nodes share one: with the host name it
            // names the node, the same after a restart.
            String nodeId = settings.cluster().nodeId().orElseGet(() -> hostName() + ":" + dataDir.toAbsolutePath());
            parts = new Assembly(settings, port);
            DiskSpace disk = new DiskSpace(dataDir, settings.queue().minFreeDiskBytes());
            metrics = new Metrics(jobs, disk, clock);
            VoiceCatalogue voices = parts.voices();
            voices.defaultVoiceNote().ifPresent(note -> LOG.warn("default voice: {}", note));
            Encoder encoder = parts.encoder();
            AddressPolicy addresses = parts.addresses();

            // The SSRF policy guards job-supplied webhook_url values; the operator's own WEBHOOK_URL is trusted
            // (the reference's is http://localhost:3000/...).
            String globalUrl = settings.webhooks().globalUrl();
            WebhookDispatcher dispatcher = new WebhookDispatcher(database, settings.webhooks(), clock,
                    uri -> uri.toString().equals(globalUrl) || allowed(addresses, uri), metrics.deliveryOutcomes());
            // An api node records the events of what it does itself (a queued job cancelled) and leaves sending
            // them to the nodes that render.
            if (role.renders()) {
                dispatcher.start();
            }
            WebhookOutbox outbox = new WebhookOutbox(database, clock,
                    settings.webhooks().progressInterval(), dispatcher::wake);
            CaptionsSpecCodec captionsCodec = new CaptionsSpecCodec();
            Notifier notifier = new Notifier(json, outbox, new WebhookEvents(clock), settings.webhooks(), captionsCodec);
            JobSpecCodec codec = parts.codec();
            StorageKeys keys = new StorageKeys(settings.s3().map(s -> s.thumbnailPrefix()).orElse(null));
            // Nodes of a cluster share the bucket: an upload younger than JOB_TIMEOUT may be another node's, running.
            abortUnfinishedUploads(parts.store(), keys, settings.sharedDatabase()
                    ? clock.instant().minus(settings.queue().jobTimeout()) : Instant.MAX);
            Duration presignTtl = settings.s3().map(s -> s.presignTtl()).orElse(Duration.ofHours(1));
            JobRunner runner = parts.runner(encoder);
            // A long job's segments: drawn RENDER_PARALLELISM at once by its node, and in a cluster by idle workers too.
            Segments segments = new Segments(database, clock, parts.store(), keys, parts.segmentDrawer(),
                    new Segments.Settings(nodeId, settings.render().renderParallelism(), Segments.Settings.MAX_ATTEMPTS,
                            JobScheduler.Settings.HEARTBEAT_EVERY, settings.cluster().heartbeatTimeout(),
                            settings.sharedDatabase()));
            RenderJobHandler renders = new RenderJobHandler(json, codec, runner, parts.store(), keys, presignTtl, notifier,
                    segments);
            CaptionsJobHandler captions = new CaptionsJobHandler(json, captionsCodec, runner, parts.store(), keys,
                    presignTtl);
            JobHandler handler = (job, ctx) -> job.kind() == JobKind.CAPTIONS ? captions.handle(job, ctx)
                    : renders.handle(job, ctx);
            // Jobs and speech requests share MAX_CONCURRENT_JOBS slots (an api node's speech has them to itself).
            WorkSlots slots = new WorkSlots(settings.queue().maxConcurrentJobs());
            JobScheduler scheduler = new JobScheduler(jobs, JobScheduler.Settings.of(nodeId,
                    role.renders() ? settings.queue().maxConcurrentJobs() : 0, settings.queue().jobTimeout(),
                    dataDir.resolve("work"), settings.cluster().heartbeatTimeout()), handler,
                    JobEvents.all(List.of(segments, notifier, metrics.jobEvents())), slots);
            scheduler.start();
            if (role.renders()) {
                segments.startWorker(slots, settings.queue().maxConcurrentJobs(), dataDir.resolve("work"));
            }
            ScheduledExecutorService housekeeping = retention(database, clock, settings, parts.store(), keys);

            Health health = new Health(settings, voices, jobs, encoder, ffmpegVersion(parts.ffmpeg()), disk);
            HttpApi api = new HttpApi(new HttpApi.Dependencies(json, new RequestParser(json, parts.specs(), parts.store()::checkReadable), codec,
                    scheduler, jobs, voices, addresses, parts.localFiles(), settings.server().apiKey(),
                    settings.server().metricsToken(),
                    settings.queue().maxConcurrentJobs(), settings.queue().maxQueuedJobs(),
                    settings.queue().jobTimeout().plus(Duration.ofMinutes(5)), disk,
                    health::report, metrics::scrape, role, new SpeechStreamer(voices, new ScriptSplitter(SplitRules.DEFAULT),
                    settings.speech().pauses(), parts.ffmpeg()), slots, settings.speech().openAiVoices(),
                    settings.server().cors(), outbox::deliveries, segments::summary));
            Javalin http = api.create().start(settings.server().host(), port);
            LOG.info("narrator {} node {} ({}) listening on {}:{} (database {}, storage {}, encoder {}, default voice {}, "
                    + "{} concurrent jobs)", VERSION, nodeId, role.label(), settings.server().host(), http.port(),
                    settings.server().database(), parts.store().describe(), encoder, voices.defaultVoiceId(),
                    role.renders() ? settings.queue().maxConcurrentJobs() : 0);
            AutoCloseable announcements = database.listen(JobStore.CHANNEL, scheduler::wake);
            AutoCloseable segmentChanges = database.listen(SegmentStore.CHANNEL, segments::wake);
            return new NarratorService(database, parts, metrics, dispatcher, scheduler, segments,
                    List.of(announcements, segmentChanges), http, housekeeping);
        } catch (RuntimeException e) {
            if (parts != null) {
                parts.close();
            }
            if (metrics != null) {
                metrics.close();
            }
            database.close();
            throw e;
        }
    }

    /**
     * Every few minutes, removes jobs that ended more than RETENTION ago, with their settled webhook rows
     * and their stored outputs (local files always, since they fill this disk; objects in a bucket only with
     * RETENTION_DELETE_OBJECTS), {@link #RETENTION_BATCH} at a time so that
     * no round holds the database long.
     */
    private static ScheduledExecutorService retention(Database database, Clock clock, Settings settings, ObjectStore store,
                                                      StorageKeys keys) {
        Retention retention = new Retention(database.dataSource(), clock, settings.queue().retention(), RETENTION_BATCH,
                OutputsRemoval.of(settings.s3().isPresent(), settings.queue().retentionDeleteObjects(), store, keys));
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "narrator-retention");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                int removed = 0;
                int round;
                do {
                    round = retention.sweepOnce();
                    removed += round;
                } while (round == RETENTION_BATCH && !Thread.currentThread().isInterrupted());
                if (removed > 0) {
                    LOG.info("retention removed {} finished job(s) older than {}", removed, settings.queue().retention());
                }
            } catch (RuntimeException e) {
                LOG.error("retention sweep failed", e);
            }
        }, 1, 5, TimeUnit.MINUTES);
        return executor;
    }

    /**
     * Uploads a crash interrupted are never completed: abort them before any job runs (a recovered job
     * uploads again from the start). A store that cannot be reached now must not stop the service: the
     * next start tries again.
     */
    private static void abortUnfinishedUploads(ObjectStore store, StorageKeys keys, Instant startedBefore) {
        try {
            int aborted = store.abortIncompleteUploads(keys.prefixes(), startedBefore);
            if (aborted > 0) {
                LOG.info("aborted {} unfinished multipart upload(s) left by an earlier run", aborted);
            }
        } catch (NarratorException e) {
            LOG.warn("could not abort unfinished multipart uploads: {}", e.getMessage());
        }
    }

    /**
     * A port nothing listens on now. Another process could take it before the server binds it; PORT=0
     * is meant for tests and one-off runs, where that race is harmless.
     */
    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + host, e);
        }
    }

    /** This machine's name, for the default node id; "localhost" when it has none that resolves. */
    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static boolean allowed(AddressPolicy policy, URI uri) {
        try {
            policy.check(uri);
            return true;
        } catch (NarratorException e) {
            return false;
        }
    }

    private static String ffmpegVersion(FfmpegRunner ffmpeg) {
        try {
            String out = ffmpeg.run(FfmpegCommand.version(), Duration.ofSeconds(10)).stdout();
            return out.lines().findFirst().orElse("unknown");
        } catch (NarratorException e) {
            LOG.error("ffmpeg is not usable: {}", e.getMessage());
            return null;
        }
    }

    public int port() {
        return http.port();
    }

    /**
     * Drains this node: claims no more jobs and returns once its running jobs have ended as they would
     * (queued jobs are left to other nodes). The HTTP server keeps answering meanwhile; {@link #close()}
     * afterwards stops the rest.
     */
    public void drain() {
        scheduler.drain();
    }

    @Override
    public void close() {
        http.stop();
        housekeeping.shutdownNow();
        announcements.forEach(NarratorService::closeQuietly);
        segments.close();
        scheduler.close();
        dispatcher.close();
        parts.close();
        metrics.close();
        database.close();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("closing {} failed: {}", closeable, e.getMessage());
        }
    }

    /**
     * {@code GET /health}: the reference's shape plus voices, FFmpeg, encoders, free disk, memory and the
     * database. {@code unhealthy} (503) when this node cannot work: the database is unreachable or free disk
     * is under MIN_FREE_DISK_MB; {@code degraded} (still 200) when it works with less (no FFmpeg: voiceovers only).
     */
    private record Health(Settings settings, VoiceCatalogue voices, JobStore jobs, Encoder encoder, String ffmpeg,
                          DiskSpace disk) {
        HealthReport report() {
            Optional<QueueCounts> counts = queue();
            DiskUsage usage = disk.read();
            boolean canWork = counts.isPresent() && usage.ok();
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("status", !canWork ? "unhealthy" : ffmpeg == null ? "degraded" : "healthy");
            view.put("service", "narrator");
            view.put("version", VERSION);
            Map<String, Object> workers = new LinkedHashMap<>();
            workers.put("active", counts.map(QueueCounts::processing).orElse(null));
            workers.put("max_concurrent_jobs", settings.queue().maxConcurrentJobs());
            view.put("workers", workers);
            Map<String, Object> queue = new LinkedHashMap<>();
            queue.put("queued", counts.map(QueueCounts::queued).orElse(null));
            queue.put("processing", counts.map(QueueCounts::processing).orElse(null));
            view.put("queue", queue);
            view.put("database", Map.of("reachable", counts.isPresent()));
            view.put("voices", Map.of("default", voices.defaultVoiceId(), "loaded", voices.loadedVoiceIds(),
                    "installed", voices.installedCount()));
            Map<String, Object> ff = new LinkedHashMap<>();
            ff.put("available", ffmpeg != null);
            ff.put("version", ffmpeg);
            ff.put("encoder", encoder.name().toLowerCase());
            ff.put("nvenc", encoder == Encoder.NVENC);
            view.put("ffmpeg", ff);
            Map<String, Object> diskView = new LinkedHashMap<>();
            diskView.put("data_dir_free_bytes", usage.freeBytes());
            diskView.put("free_mb", usage.freeMb());
            diskView.put("total_mb", usage.totalMb());
            diskView.put("min_free_mb", usage.minFreeMb());
            diskView.put("ok", usage.ok());
            view.put("disk", diskView);
            view.put("memory", memory(MemoryReadings.read()));
            return new HealthReport(canWork, view);
        }

        /** The queue's counts; empty when the database cannot be reached. */
        private Optional<QueueCounts> queue() {
            try {
                return Optional.of(jobs.counts());
            } catch (RuntimeException e) {
                LOG.warn("health: the database is unreachable: {}", e.getMessage());
                return Optional.empty();
            }
        }

        private static Map<String, Object> memory(MemoryReadings.Memory memory) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("rss_bytes", memory.rssBytes().isPresent() ? memory.rssBytes().getAsLong() : null);
            view.put("heap_used_bytes", memory.heapUsedBytes());
            view.put("heap_max_bytes", memory.heapMaxBytes());
            view.put("system_available_bytes", memory.systemAvailableBytes().isPresent()
                    ? memory.systemAvailableBytes().getAsLong() : null);
            return view;
        }
    }
}
