package narrator.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cancel in the middle of a segmented render drawing two spans of segments at once (RENDER_PARALLELISM=2): every segment's
 * FFmpeg stops, the job ends cancelled, and it leaves no manifest, no stored segment file and no work file.
 */
class SegmentedCancelTest {
    private static final String SCRIPT = "A cancel stops every segment at once. Nothing is left behind. "
            + "Not a row, not a stored file, not a work file. Each segment process ends. The job says cancelled.";

    @TempDir
    Path data;

    @Test
    void aCancelStopsEverySegmentAndLeavesNothingBehind() throws IOException {
        try (TestService service = TestService.start(data, Map.of("SEGMENT_SECONDS", "2", "RENDER_PARALLELISM", "2",
                "DEFAULT_SIZE", "720x1280"))) {
            String id = service.submit(Map.of("script", SCRIPT, "size", "720x1280"));
            Await.until("two spans drawn at once", TestService.JOB_DEADLINE, () -> segmentProcesses(id) == 2);

            assertEquals(200, service.post("/jobs/" + id + "/cancel", null).status());

            JsonNode ended = service.awaitEnded(id);
            assertEquals("cancelled", ended.path("status").asText(), ended.toString());
            Await.until("every segment process to stop", Duration.ofSeconds(5), () -> segmentProcesses(id) == 0);
            assertTrue(service.job(id).path("segments").isMissingNode(), "no manifest: " + service.job(id));
            assertEquals(List.of(), files(data.resolve("storage/segments")), "no stored segment file");
            assertEquals(List.of(), files(data.resolve("work")), "no work file");
        }
    }

    /** FFmpeg processes of this JVM drawing a segment of the job (their output is in its work directory). */
    private static long segmentProcesses(String id) {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().arguments().map(args -> Arrays.stream(args).anyMatch(a -> a.contains(id))
                        && Arrays.stream(args).anyMatch(a -> a.contains("segment"))).orElse(false))
                .filter(p -> p.info().command().map(c -> c.endsWith("ffmpeg")).orElse(false))
                .count();
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
