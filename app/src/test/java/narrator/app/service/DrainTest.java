package narrator.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two nodes, each its own JVM, on one database. Node A, asked to drain with SIGUSR2 while it renders,
 * finishes that job, claims nothing new and exits with status 0; node B takes the rest.
 */
class DrainTest {
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    static Stream<Named<Function<Path, ClusterDatabase>>> databases() {
        return ClusterTest.databases();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aDrainedNodeFinishesItsJobClaimsNothingNewAndExits(Function<Path, ClusterDatabase> database) throws Exception {
        List<NodeProcess> nodes = new ArrayList<>();
        try (ClusterDatabase db = database.apply(Files.createDirectories(dir.resolve("db")))) {
            NodeProcess a = NodeProcess.start("node-a", dir.resolve("a"), node(db, dir.resolve("a")));
            nodes.add(a);
            NodeProcess b = NodeProcess.start("node-b", dir.resolve("b"), node(db, dir.resolve("b")));
            nodes.add(b);
            a.awaitUp();
            b.awaitUp();
            RunHistory history = new RunHistory(db.dataSource());
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ids.add(a.submit(Map.of("script", "Drain job " + i + ". A few sentences to render. Then it ends.")));
            }
            RunHistory.Run running = Await.until("node-a to be running a job", DEADLINE, history::all,
                    all -> all.stream().anyMatch(r -> r.nodeId().equals("node-a") && r.open()))
                    .stream().filter(r -> r.nodeId().equals("node-a") && r.open()).findFirst().orElseThrow();

            long asked = System.currentTimeMillis();
            a.signal("USR2");

            assertEquals(0, a.waitFor(DEADLINE), "node-a exits cleanly once drained");
            for (String id : ids) {
                Await.until("job " + id + " to complete", DEADLINE, () -> b.job(id).path("status").asText(),
                        "completed"::equals);
            }
            // A run's end is written just after its job's.
            Await.until("every run to have ended", DEADLINE, () -> history.all().stream().noneMatch(RunHistory.Run::open));
            List<RunHistory.Run> ofA = history.all().stream().filter(r -> r.nodeId().equals("node-a")).toList();
            assertEquals("completed", history.byJob().get(running.jobId()).get(0).outcome(),
                    "the job running when the drain was asked finished on node-a: " + ofA);
            assertFalse(ofA.stream().anyMatch(r -> r.startedAt() > asked), "node-a claimed nothing after the drain: " + ofA);
            assertTrue(history.all().stream().anyMatch(r -> r.nodeId().equals("node-b")), "node-b took the rest");
            assertEquals(List.of(), history.overlaps());
            assertTrue(Files.readString(dir.resolve("a").resolve("service.log")).contains("draining"));
        } finally {
            nodes.forEach(NodeProcess::close);
        }
    }

    /** A node's settings: on {@code db}, with DATA_DIR/storage a link to one directory, the mount both share. */
    private Map<String, String> node(ClusterDatabase db, Path dataDir) throws IOException {
        Map<String, String> settings = new HashMap<>(db.attach(dataDir));
        Files.createSymbolicLink(dataDir.resolve("storage"), Files.createDirectories(dir.resolve("shared-storage")));
        settings.put("SHARED_STORAGE", "true");
        return settings;
    }
}
