package narrator.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import narrator.app.testing.S3Admin;
import narrator.pipeline.render.FfmpegRunner;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Segmented renders in real service processes. A node of its own draws all of a job's segments in one FFmpeg run
 * (one span), the video whole. A {@code kill -9} mid-span costs only the segments not yet done: after the restart
 * the job completes, the segments done before the kill are not drawn again, and the video is whole. On a cluster (real PostgreSQL, s3proxy), a second node's idle worker draws some of a job's segments, and
 * killing it mid-segment costs only that segment. Either way the job's end leaves no manifest row and no stored
 * segment file.
 */
class SegmentedRenderProcessTest {
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    /** About twelve seconds of espeak speech: six segments of two seconds. */
    private static final String SCRIPT = "Narrator cuts a long video into segments. Each segment is drawn on its own. "
            + "A crash loses only the segment being drawn. The segments already done are kept in the store. "
            + "The job resumes where it stopped. Then every segment is joined into one video, with the voice mixed once.";
    private static final String BUCKET = "segments";
    private static final String KEY_ID = "segments-key-id";
    private static final String SECRET = "segments-secret-Q81";

    @RegisterExtension
    final S3ProxyExtension s3 = S3ProxyExtension.builder()
            .withCredentials(AuthenticationType.AWS_V2_OR_V4, KEY_ID, SECRET)
            .build();

    @TempDir
    Path dir;

    @Test
    void killNineMidRenderResumesWithTheSegmentsAlreadyDone() throws Exception {
        Path data = dir.resolve("solo");
        Files.createDirectories(data);
        Map<String, String> settings = Map.of("SEGMENT_SECONDS", "2", "DEFAULT_SIZE", "480x854");
        NodeProcess node = NodeProcess.start("solo", data, settings);
        try {
            node.awaitUp();
            String id = node.submit(Map.of("script", SCRIPT, "size", "480x854"));
            JsonNode before = Await.until("some segments done, not all", DEADLINE, () -> node.job(id),
                    job -> job.path("segments").path("done").asInt() >= 2
                            && job.path("segments").path("done").asInt() < job.path("segments").path("total").asInt());
            node.kill();
            Set<Integer> doneBefore = indices(before, "done");
            int total = before.path("segments").path("total").asInt();
            assertTrue(total >= 4, before.toString());
            String sqlite = "jdbc:sqlite:" + data.resolve("narrator.db");
            assertEquals(1, workers(sqlite, id).size(), "killed between two segments of the one span drawing them all: "
                    + workers(sqlite, id));

            NodeProcess again = NodeProcess.start("solo", data, settings);
            try {
                again.awaitUp();
                JsonNode job = Await.until("the job to end", DEADLINE, () -> again.job(id),
                        j -> Set.of("completed", "failed", "cancelled").contains(j.path("status").asText()));
                assertEquals("completed", job.path("status").asText(), job.toString());
                assertTrue(job.path("segments").isMissingNode(), "no manifest once the job ended: " + job);
                assertWhole(data.resolve("storage/uploads/renders/" + id + "-final.mp4"),
                        job.path("duration_seconds").asDouble());
            } finally {
                again.close();
            }
            Map<Integer, List<String>> runs = runs(sqlite, id);
            System.out.printf("killed with segments %s done of %d; draws: %s%n", doneBefore, total, runs);
            assertEquals(total, runs.size(), runs.toString());
            for (int index : doneBefore) {
                assertEquals(List.of("solo done"), runs.get(index), "segment " + index + " was done before the kill: "
                        + runs);
            }
            assertTrue(runs.values().stream().anyMatch(r -> r.size() > 1), "the killed draw was drawn again: " + runs);
            assertEquals(1, secondAttempts(sqlite, id), "the kill cost the segment being drawn an attempt; the rest "
                    + "of its span got theirs back");
            assertEquals(List.of(), files(data.resolve("storage/segments")), "no stored segment file is left");
            assertEquals(List.of(), files(data.resolve("work")), "no work file is left");
        } finally {
            node.close();
        }
    }

    @Test
    void aNodeOfItsOwnDrawsEverySegmentInOneFfmpegRun() throws Exception {
        Path data = dir.resolve("solo");
        Files.createDirectories(data);
        NodeProcess node = NodeProcess.start("solo", data, Map.of("SEGMENT_SECONDS", "2", "DEFAULT_SIZE", "480x854"));
        try {
            node.awaitUp();
            String id = node.submit(Map.of("script", SCRIPT, "size", "480x854"));
            JsonNode job = Await.until("the job to end", DEADLINE, () -> node.job(id),
                    j -> Set.of("completed", "failed", "cancelled").contains(j.path("status").asText()));
            assertEquals("completed", job.path("status").asText(), job.toString());
            assertWhole(data.resolve("storage/uploads/renders/" + id + "-final.mp4"), job.path("duration_seconds").asDouble());

            String sqlite = "jdbc:sqlite:" + data.resolve("narrator.db");
            Map<Integer, List<String>> runs = runs(sqlite, id);
            assertTrue(runs.size() >= 4, runs.toString());
            assertTrue(runs.values().stream().allMatch(List.of("solo done")::equals), "each drawn once: " + runs);
            assertEquals(1, workers(sqlite, id).size(), "by one worker's span: " + workers(sqlite, id));
        } finally {
            node.close();
        }
    }

    @Test
    void aSecondNodeDrawsSegmentsAndKillingItMidSegmentCostsOnlyThatSegment() throws Exception {
        try (S3Client admin = S3Admin.client(s3.getUri(), KEY_ID, SECRET); SharedPostgres db = new SharedPostgres()) {
            admin.createBucket(b -> b.bucket(BUCKET));
            List<NodeProcess> nodes = new ArrayList<>();
            try {
                for (String name : List.of("node-1", "node-2")) {
                    Path data = dir.resolve(name);
                    Map<String, String> settings = new HashMap<>(db.attach(data));
                    settings.putAll(Map.of("STORAGE", "s3", "BACKBLAZE_BUCKET_NAME", BUCKET, "BACKBLAZE_KEY_ID", KEY_ID,
                            "BACKBLAZE_APPLICATION_KEY", SECRET, "BACKBLAZE_ENDPOINT_URL", s3.getUri().toString(),
                            "JOB_HEARTBEAT_TIMEOUT", "3s", "SEGMENT_SECONDS", "2", "DEFAULT_SIZE", "480x854"));
                    nodes.add(NodeProcess.start(name, data, settings));
                }
                nodes.forEach(NodeProcess::awaitUp);
                String id = nodes.get(0).submit(Map.of("script", SCRIPT, "size", "480x854"));
                // The worker: the node not running the job, once it has drawn a segment and is drawing another.
                String jobNode = Await.until("the job to start", DEADLINE, () -> jobNode(db.dataSource(), id),
                        node -> !node.isEmpty());
                JsonNode before = Await.until("the other node drawing its second segment", DEADLINE,
                        () -> nodes.get(0).job(id), job -> victim(job, jobNode).isPresent());
                String victimName = victim(before, jobNode).orElseThrow();
                NodeProcess victim = nodes.stream().filter(n -> n.name.equals(victimName)).findFirst().orElseThrow();
                NodeProcess survivor = nodes.stream().filter(n -> n != victim).findFirst().orElseThrow();
                victim.kill();
                assertEquals(Set.of("node-1", "node-2"), nodesOf(before), "the manifest shows both nodes: " + before);

                JsonNode job = Await.until("the job to end", DEADLINE, () -> survivor.job(id),
                        j -> Set.of("completed", "failed", "cancelled").contains(j.path("status").asText()));
                assertEquals("completed", job.path("status").asText(), job.toString());
                assertWhole(download(admin, "uploads/renders/" + id + "-final.mp4"), job.path("duration_seconds").asDouble());

                Map<Integer, List<String>> runs = runs(db.dataSource(), id);
                System.out.printf("job on %s, %s killed; draws: %s%n", jobNode, victimName, runs);
                List<Integer> redrawn = runs.entrySet().stream().filter(e -> e.getValue().size() > 1)
                        .map(Map.Entry::getKey).toList();
                assertEquals(1, redrawn.size(), "only the segment being drawn at the kill is drawn again: " + runs);
                assertEquals(List.of(victimName + " abandoned", jobNode + " done"), runs.get(redrawn.get(0)),
                        "its attempts: the killed one and the one that finished it");
                runs.forEach((index, draws) -> assertTrue(index.equals(redrawn.get(0))
                        || draws.size() == 1 && draws.get(0).endsWith(" done"), "segment " + index + ": " + runs));
                Await.until("the manifest's stored files to be removed", Duration.ofSeconds(10), () -> admin
                        .listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("segments/")).contents().stream()
                        .map(S3Object::key).toList().isEmpty());
            } finally {
                nodes.forEach(NodeProcess::close);
            }
        }
    }

    /** The node other than the job's that has drawn one of its segments and is drawing another, if any. */
    private static java.util.Optional<String> victim(JsonNode job, String jobNode) {
        List<JsonNode> segments = job.path("segments").path("list").findParents("index");
        Set<String> done = segments.stream().filter(s -> s.path("status").asText().equals("done"))
                .map(s -> s.path("node_id").asText()).collect(Collectors.toSet());
        return segments.stream().filter(s -> s.path("status").asText().equals("rendering"))
                .map(s -> s.path("node_id").asText())
                .filter(node -> !node.equals(jobNode) && done.contains(node) && done.contains(jobNode))
                .findFirst();
    }

    /** The node running the job now, from the run history; "" before it starts. */
    private static String jobNode(javax.sql.DataSource dataSource, String id) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(
                "SELECT node_id FROM job_runs WHERE job_id = ? AND ended_at IS NULL")) {
            query.setString(1, id);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? rs.getString(1) : "";
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> nodesOf(JsonNode job) {
        return job.path("segments").path("list").findParents("index").stream()
                .filter(s -> !s.path("node_id").isNull()).map(s -> s.path("node_id").asText())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<Integer> indices(JsonNode job, String status) {
        return job.path("segments").path("list").findParents("index").stream()
                .filter(s -> s.path("status").asText().equals(status)).map(s -> s.path("index").asInt())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The workers that drew the job's segments. */
    private static Set<String> workers(String jdbcUrl, String id) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl); PreparedStatement query =
                connection.prepareStatement("SELECT DISTINCT worker_id FROM segment_runs WHERE job_id = ?")) {
            query.setString(1, id);
            Set<String> workers = new TreeSet<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    workers.add(rs.getString(1));
                }
            }
            return workers;
        }
    }

    /** How many of the job's draws were a segment's second attempt. */
    private static int secondAttempts(String jdbcUrl, String id) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl); PreparedStatement query =
                connection.prepareStatement("SELECT COUNT(*) FROM segment_runs WHERE job_id = ? AND attempt = 2")) {
            query.setString(1, id);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Every draw of each of the job's segments, in order: "node outcome". */
    private static Map<Integer, List<String>> runs(String jdbcUrl, String id) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl)) {
            return runs(connection, id);
        }
    }

    private static Map<Integer, List<String>> runs(javax.sql.DataSource dataSource, String id) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return runs(connection, id);
        }
    }

    private static Map<Integer, List<String>> runs(Connection connection, String id) throws SQLException {
        Map<Integer, List<String>> runs = new TreeMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT idx, node_id, outcome FROM segment_runs WHERE job_id = ? ORDER BY idx, attempt, started_at")) {
            query.setString(1, id);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    runs.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(rs.getString(2) + " " + rs.getString(3));
                }
            }
        }
        return runs;
    }

    /** The video has as many frames as its duration at 30 fps, and lasts that long. */
    private static void assertWhole(Path video, double durationSeconds) {
        FfmpegRunner ffmpeg = new FfmpegRunner();
        String frames = ffmpeg.run(List.of("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", video.toString()), DEADLINE).stdout().strip();
        String seconds = ffmpeg.run(List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                "stream=duration", "-of", "csv=p=0", video.toString()), DEADLINE).stdout().strip();
        assertEquals(durationSeconds * 30, Integer.parseInt(frames), 1.0, "frames of " + durationSeconds + " s");
        assertEquals(durationSeconds, Double.parseDouble(seconds), 0.05);
    }

    private Path download(S3Client admin, String key) {
        Path file = dir.resolve("downloaded.mp4");
        admin.getObject(b -> b.bucket(BUCKET).key(key), file);
        return file;
    }

    private static List<Path> files(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
