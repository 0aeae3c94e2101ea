package narrator.bench.segments;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import narrator.bench.api.ServiceJvm;
import narrator.bench.cluster.PostgresTarget;
import narrator.bench.cluster.ThrowawayPostgres;
import narrator.bench.render.BareEncode;
import narrator.bench.render.BenchMedia;
import narrator.pipeline.VideoSize;
import narrator.pipeline.render.FfmpegRunner;
import narrator.pipeline.render.MediaProbe;
import narrator.pipeline.render.RenderSpec;

/**
 * {@code narrator bench render --segments}: one long narration rendered by real service JVMs (the launcher's
 * flags), each run a real job submitted with {@code POST /render} and followed with {@code GET /jobs/{id}}, all on
 * the same generated inputs served over loopback HTTP: one pass on one {@code all} node ({@code SEGMENT_SECONDS=0});
 * segmented on that node with {@code RENDER_PARALLELISM} 1, 2 and 4; segmented on a local cluster (one {@code api}
 * node and 2, then 3 {@code worker} nodes at {@code RENDER_PARALLELISM=1} on a throwaway PostgreSQL, storage in one
 * shared directory); and a bare {@code ffmpeg} of the one-pass job's picture chain. Times are the jobs' own records.
 */
public final class SegmentBenchmark {
    static final String VOICE = "espeak:en-us";
    static final String PRESET = "veryfast";
    static final int CRF = 23;
    static final int FFMPEG_THREADS = 2;
    static final List<Integer> LOCAL_PARALLELISM = List.of(1, 2, 4);
    static final List<Integer> CLUSTER_WORKERS = List.of(2, 3);
    private static final VideoSize BASE_SIZE = new VideoSize(1920, 1080);
    /** Shorter than any video measured, so every render loops the base and the music. */
    private static final double BASE_SECONDS = 20;
    private static final double MUSIC_SECONDS = 30;
    private static final Duration JOB_DEADLINE = Duration.ofMinutes(60);
    private static final Duration FFMPEG_DEADLINE = Duration.ofMinutes(60);

    /**
     * @param minutes        the script's length in minutes of speech
     * @param size           the output size
     * @param segmentSeconds SEGMENT_SECONDS of the segmented runs
     */
    public record Options(double minutes, VideoSize size, int segmentSeconds) {
        public static final Options DEFAULT = new Options(10, VideoSize.PORTRAIT, 30);
    }

    private final Options options;
    private final PrintStream progress;
    private final FfmpegRunner ffmpeg = new FfmpegRunner();

    /** {@code progress}: a line per step, so a run of many minutes shows it is alive. */
    public SegmentBenchmark(Options options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    /** Runs everything from the service jar {@code jar} with {@code env} under the benchmark's settings. */
    public String run(Path jar, Map<String, String> env, boolean json) throws IOException, InterruptedException {
        SegmentReport report = measure(jar, env);
        return json ? report.json() : report.table();
    }

    private SegmentReport measure(Path jar, Map<String, String> env) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("narrator-bench-segments");
        try {
            Path inputs = Files.createDirectories(work.resolve("inputs"));
            progress.println("segments: generating the base video and the music");
            ffmpeg.run(BenchMedia.baseVideo(BASE_SIZE, BASE_SECONDS, inputs.resolve("base.mp4")), FFMPEG_DEADLINE);
            ffmpeg.run(BenchMedia.music(MUSIC_SECONDS, inputs.resolve("music.m4a")), FFMPEG_DEADLINE);
            double loadBefore = loadAverage();
            try (InputServer server = InputServer.serve(inputs)) {
                ObjectNode request = request(server);
                Measured onePass = onOneNode(jar, env, request, "one pass (1 node, SQLite)", 0, 1, work);
                List<SegmentRun> parallel = new ArrayList<>();
                for (int p : LOCAL_PARALLELISM) {
                    parallel.add(onOneNode(jar, env, request, "segmented, " + p + " at a time (1 node)",
                            options.segmentSeconds(), p, null).run());
                }
                progress.println("segments: starting a throwaway PostgreSQL server");
                try (ThrowawayPostgres postgres = ThrowawayPostgres.start(List.of())) {
                    Path storage = Files.createDirectories(work.resolve("storage"));
                    for (int workers : CLUSTER_WORKERS) {
                        parallel.add(onCluster(jar, env, request, postgres.target(), storage, workers));
                    }
                }
                long bare = bareEncode(inputs.resolve("base.mp4"), onePass.job().durationSeconds(), work);
                SegmentReport.Setup setup = new SegmentReport.Setup(options.minutes(), onePass.job().durationSeconds(),
                        options.size().toString(), PRESET, CRF, FFMPEG_THREADS, VOICE, options.segmentSeconds());
                return new SegmentReport(setup, new SegmentReport.Machine(Runtime.getRuntime().availableProcessors(),
                        loadBefore, loadAverage()), onePass.run(), parallel, bare);
            }
        } finally {
            deleteTree(work);
        }
    }

    /** A run and the job it measured. */
    private record Measured(SegmentRun run, JobClient.FinishedJob job) {
    }

    /** One {@code all} node on SQLite; {@code keep}, when given, receives the job's voice.wav and subtitles.ass. */
    private Measured onOneNode(Path jar, Map<String, String> env, ObjectNode request, String label, int segmentSeconds,
                               int parallelism, Path keep) throws IOException, InterruptedException {
        progress.println("segments: " + label);
        Map<String, String> settings = settings(segmentSeconds, parallelism);
        settings.putAll(Map.of("ROLE", "all", "DATABASE_URL", "", "NODE_ID", "all-1"));
        try (ServiceJvm node = ServiceJvm.start(jar, env, settings)) {
            JobClient client = new JobClient(node.base());
            JobClient.FinishedJob job = client.awaitCompleted(client.submit(request), JOB_DEADLINE);
            if (keep != null) {
                client.download(job.subtitlesUrl(), keep.resolve("subtitles.ass"));
                client.download(job.voiceUrl(), keep.resolve("voice.wav"));
            }
            List<SegmentRun.Segment> segments = segmentSeconds == 0 ? List.of()
                    : new SegmentRecords("jdbc:sqlite:" + node.dataDir().resolve("narrator.db"), null, null).read(job.id());
            return new Measured(run(label, parallelism, job, segments), job);
        }
    }

    /** One {@code api} node taking the submit and {@code workers} worker nodes sharing the job's segments. */
    private SegmentRun onCluster(Path jar, Map<String, String> env, ObjectNode request, PostgresTarget database,
                                 Path storage, int workers) throws IOException, InterruptedException {
        String label = "cluster, " + workers + " workers (PostgreSQL)";
        progress.println("segments: " + label);
        List<ServiceJvm> nodes = new ArrayList<>();
        try {
            // The api node first: it migrates the schema before the workers start.
            nodes.add(clusterNode(jar, env, database, storage, "api", "api"));
            for (int i = 1; i <= workers; i++) {
                nodes.add(clusterNode(jar, env, database, storage, "worker-" + i, "worker"));
            }
            JobClient client = new JobClient(nodes.get(0).base());
            JobClient.FinishedJob job = client.awaitCompleted(client.submit(request), JOB_DEADLINE);
            List<SegmentRun.Segment> segments = new SegmentRecords(database.jdbcUrl(), database.user(),
                    database.password()).read(job.id());
            return run(label, workers, job, segments);
        } finally {
            for (ServiceJvm node : nodes) {
                node.close();
            }
        }
    }

    private ServiceJvm clusterNode(Path jar, Map<String, String> env, PostgresTarget database, Path storage, String name,
                                   String role) throws IOException, InterruptedException {
        Path data = Files.createTempDirectory("narrator-bench-" + name + "-");
        Files.createSymbolicLink(data.resolve("storage"), storage);
        Map<String, String> settings = settings(options.segmentSeconds(), 1);
        settings.putAll(Map.of("ROLE", role, "NODE_ID", name, "DATABASE_URL", database.databaseUrl(),
                "SHARED_STORAGE", "true"));
        return ServiceJvm.start(jar, env, settings, data);
    }

    /** What every node runs with: the default encoder settings, one job at a time, espeak-ng, local storage. */
    private Map<String, String> settings(int segmentSeconds, int parallelism) {
        return new HashMap<>(Map.ofEntries(Map.entry("SEGMENT_SECONDS", Integer.toString(segmentSeconds)),
                Map.entry("RENDER_PARALLELISM", Integer.toString(parallelism)), Map.entry("MAX_CONCURRENT_JOBS", "1"),
                Map.entry("TTS_PROVIDER", "espeak"), Map.entry("STORAGE", "local"), Map.entry("WEBHOOK_URL", ""),
                Map.entry("ALLOW_PRIVATE_URLS", "true"), Map.entry("VIDEO_ENCODER", "libx264"),
                Map.entry("X264_PRESET", PRESET), Map.entry("X264_CRF", Integer.toString(CRF)),
                Map.entry("FFMPEG_THREADS", Integer.toString(FFMPEG_THREADS))));
    }

    private ObjectNode request(InputServer server) {
        return JsonNodeFactory.instance.objectNode().put("script", NarrationScript.of(options.minutes())).put("voice", VOICE)
                .put("size", options.size().toString()).put("fit", "crop")
                .put("base_video_url", server.url("base.mp4")).put("bgm_url", server.url("music.m4a"));
    }

    /** The one-pass job's picture alone, from the voice and subtitles it left in {@code work}. */
    private long bareEncode(Path base, double seconds, Path work) {
        progress.println("segments: bare encode of the same picture chain");
        MediaProbe probe = new MediaProbe(ffmpeg);
        RenderSpec spec = BareEncode.spec(work.resolve("voice.wav"), probe.probeBase(base), work.resolve("subtitles.ass"),
                options.size(), seconds, PRESET, CRF, FFMPEG_THREADS, work.resolve("bare.mp4"));
        long millis = BareEncode.run(ffmpeg, spec, FFMPEG_DEADLINE).toMillis();
        progress.printf(Locale.ROOT, "segments: bare encode %.1f s%n", millis / 1000.0);
        return millis;
    }

    private SegmentRun run(String label, int workers, JobClient.FinishedJob job, List<SegmentRun.Segment> segments) {
        progress.printf(Locale.ROOT, "segments: %s: job %.1f s, %d segments%n", label, job.millis() / 1000.0,
                segments.size());
        return new SegmentRun(label, workers, job.millis(), job.timingsMillis(), segments);
    }

    /** The 1-minute load average; -1 where the platform has none. */
    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
