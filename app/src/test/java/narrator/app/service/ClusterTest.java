package narrator.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import narrator.app.testing.S3Admin;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Three nodes, each its own JVM, on one database and one S3 server, twelve jobs. Every node renders;
 * one is killed with {@code kill -9} mid-render, and its job is requeued by another node (stale heartbeat,
 * attempt counted) and completes there. Outputs exist once, every webhook is delivered once, and the
 * database's own run history shows no job ever ran in two places at once.
 */
class ClusterTest {
    private static final String BUCKET = "cluster-outputs";
    private static final String KEY_ID = "cluster-key-id";
    private static final String SECRET = "cluster-secret-Zt81";
    private static final int JOBS = 12;
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final List<String> OUTPUTS = List.of("uploads/voiceovers/%s-voice.wav", "uploads/voiceovers/%s-timings.json",
            "uploads/subtitles/%s-subs.ass",
            "uploads/subtitles/%s-subs.srt", "uploads/subtitles/%s-subs.vtt", "uploads/renders/%s-final.mp4",
            "uploads/thumbnails/%s-thumbnail.jpg");

    @RegisterExtension
    final S3ProxyExtension s3 = S3ProxyExtension.builder()
            .withCredentials(AuthenticationType.AWS_V2_OR_V4, KEY_ID, SECRET)
            .build();

    @TempDir
    Path dir;

    /** The databases a cluster runs on: PostgreSQL, shared over the network by every node. */
    static Stream<Named<Function<Path, ClusterDatabase>>> databases() {
        return Stream.of(Named.of("postgresql", d -> new SharedPostgres()));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void threeNodesShareTheWorkAndOneKilledMidRenderLosesNothing(Function<Path, ClusterDatabase> database) throws Exception {
        List<NodeProcess> nodes = new ArrayList<>();
        try (S3Client admin = S3Admin.client(s3.getUri(), KEY_ID, SECRET);
                ClusterDatabase db = database.apply(java.nio.file.Files.createDirectories(dir.resolve("db")));
                Receiver receiver = new Receiver()) {
            admin.createBucket(b -> b.bucket(BUCKET));
            for (int i = 1; i <= 3; i++) {
                Path data = dir.resolve("node-" + i);
                Map<String, String> settings = new HashMap<>(db.attach(data));
                settings.putAll(Map.of("STORAGE", "s3", "BACKBLAZE_BUCKET_NAME", BUCKET, "BACKBLAZE_KEY_ID", KEY_ID,
                        "BACKBLAZE_APPLICATION_KEY", SECRET, "BACKBLAZE_ENDPOINT_URL", s3.getUri().toString(),
                        "WEBHOOK_URL", receiver.url(), "WEBHOOK_TIMEOUT_SECONDS", "2", "JOB_HEARTBEAT_TIMEOUT", "3s"));
                nodes.add(NodeProcess.start("node-" + i, data, settings));
            }
            nodes.forEach(NodeProcess::awaitUp);
            RunHistory history = new RunHistory(db.dataSource());

            List<String> ids = new ArrayList<>();
            for (int i = 0; i < JOBS; i++) {
                // Submitted to each node in turn: any node's API queues for the whole cluster.
                ids.add(nodes.get(i % 3).submit(Map.of("script",
                        "Job " + i + " of the cluster. It has a few sentences. So that rendering takes a moment.")));
            }
            // The victim: a node that has completed a job and is rendering another.
            Rendering victim = Await.until("a node rendering its second job", DEADLINE,
                    () -> rendering(db.dataSource(), history), Optional::isPresent).orElseThrow();
            NodeProcess killed = nodes.stream().filter(n -> n.name.equals(victim.nodeId())).findFirst().orElseThrow();
            killed.kill();
            NodeProcess survivor = nodes.stream().filter(n -> n != killed).findFirst().orElseThrow();

            for (String id : ids) {
                Await.until("job " + id + " to complete", DEADLINE, () -> survivor.job(id).path("status").asText(),
                        "completed"::equals);
            }
            Await.until("every webhook to be settled", DEADLINE, () -> pendingDeliveries(db.dataSource()) == 0);
            // A run's end is written just after its job's.
            Await.until("every run to have ended", DEADLINE, () -> history.all().stream().noneMatch(RunHistory.Run::open));

            Map<String, List<RunHistory.Run>> runs = history.byJob();
            assertEquals(List.of(), history.overlaps(), "no job ran in two places at once");
            assertEquals(Set.of("node-1", "node-2", "node-3"), history.all().stream().map(RunHistory.Run::nodeId)
                    .collect(Collectors.toSet()), "every node rendered");
            for (String id : ids) {
                List<String> outcomes = runs.get(id).stream().map(r -> r.nodeId() + " " + r.outcome()).toList();
                if (id.equals(victim.jobId())) {
                    assertEquals(2, runs.get(id).size(), outcomes.toString());
                    assertEquals(victim.nodeId() + " abandoned", outcomes.get(0));
                    assertTrue(outcomes.get(1).endsWith(" completed") && !outcomes.get(1).startsWith(victim.nodeId()),
                            outcomes.toString());
                    assertEquals(2, survivor.job(id).path("attempts").asInt(), "the killed node's attempt counts");
                } else {
                    assertEquals(1, outcomes.size(), id + ": " + outcomes);
                    assertTrue(outcomes.get(0).endsWith(" completed"), outcomes.toString());
                }
            }

            Set<String> expected = new TreeSet<>();
            ids.forEach(id -> OUTPUTS.forEach(key -> expected.add(key.formatted(id))));
            List<String> stored = admin.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents().stream()
                    .map(S3Object::key).toList();
            assertEquals(expected, new TreeSet<>(stored), "every output, and nothing else");
            assertEquals(expected.size(), stored.size(), "each output exists once");

            // A node killed while sending a webhook leaves it to be sent again by another node: the repeat must be
            // byte-identical (same event_id, same body), which is what lets a receiver drop it.
            Map<String, Set<String>> bodiesByEvent = ids.stream().flatMap(id -> receiver.hooks(id).stream())
                    .filter(h -> h.answered() / 100 == 2)
                    .collect(Collectors.groupingBy(Receiver.Hook::eventId,
                            Collectors.mapping(Receiver.Hook::body, Collectors.toSet())));
            assertEquals(Map.of(), bodiesByEvent.entrySet().stream().filter(e -> e.getValue().size() > 1)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)),
                    "an event delivered twice is delivered the same");
            for (String id : ids) {
                assertEquals(1, receiver.hooks(id).stream()
                        .filter(h -> h.answered() / 100 == 2 && h.event().equals("video_completed"))
                        .map(Receiver.Hook::eventId).distinct().count(), id + ": " + receiver.delivered(id));
            }
        } finally {
            nodes.forEach(NodeProcess::close);
        }
    }

    /** A job in its rendering stage, and the node running it. */
    private record Rendering(String jobId, String nodeId) {
    }

    /** A job now rendering on a node that has already completed another job, if any. */
    private static Optional<Rendering> rendering(DataSource dataSource, RunHistory history) {
        Set<String> completedSome = history.all().stream().filter(r -> "completed".equals(r.outcome()))
                .map(RunHistory.Run::nodeId).collect(Collectors.toSet());
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("""
                        SELECT j.id, r.node_id FROM jobs j JOIN job_runs r ON r.job_id = j.id AND r.ended_at IS NULL
                        WHERE j.status = 'processing' AND j.stage = 'rendering'""");
                ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                if (completedSome.contains(rs.getString(2))) {
                    return Optional.of(new Rendering(rs.getString(1), rs.getString(2)));
                }
            }
            return Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int pendingDeliveries(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'pending'");
                ResultSet rs = query.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
