package narrator.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import narrator.pipeline.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job interrupted by a shutdown is finished by the next start on the same DATA_DIR, exactly once. */
class RecoveryTest {
    @TempDir
    Path data;
    @TempDir
    Path media;

    @Test
    void aJobStoppedByShutdownCompletesAfterTheRestartExactlyOnce() throws IOException {
        Map<String, String> settings = Map.of("ALLOW_PRIVATE_URLS", "true");
        try (MediaServer inputs = new MediaServer(); Receiver receiver = new Receiver()) {
            MediaServer.Gate gate = inputs.gated("base.mp4", TestMedia.video(media, 2, 320, 568, false));
            String id;
            try (TestService a = TestService.start(data, settings)) {
                id = a.submit(Map.of("base_video_url", gate.url, "webhook_url", receiver.url()));
                Await.until("the job to be downloading", Duration.ofSeconds(30), () -> gate.arrived() == 1);
                assertEquals("processing", a.get("/status/" + id).json().get("status").asText());
            }
            gate.open();

            try (TestService b = TestService.start(data, settings)) {
                assertEquals("completed", b.awaitEnded(id).get("status").asText());
                assertEquals(1, b.job(id).get("attempts").asInt(), "a shutdown gives the attempt back");
                receiver.await(id, "video_completed", Duration.ofSeconds(30));
            }

            assertEquals(2, gate.arrived(), "downloaded by A (stopped) and by B");
            assertEquals(List.of(id + "-final.mp4"), files("uploads/renders", id));
            assertEquals(List.of(id + "-timings.json", id + "-voice.wav"), files("uploads/voiceovers", id));
            assertEquals(1, receiver.delivered(id).stream().filter("video_completed"::equals).count(),
                    receiver.delivered(id).toString());
            assertEquals(List.of(), files("", "")); // nothing half-written left in storage
            // The re-run repeats no event the first run recorded, and progress never goes backwards.
            List<Receiver.Hook> delivered = receiver.hooks(id).stream().filter(h -> h.answered() / 100 == 2).toList();
            assertEquals(1, receiver.delivered(id).stream().filter("job_started"::equals).count(),
                    receiver.delivered(id).toString());
            assertEquals(delivered.size(), delivered.stream().map(Receiver.Hook::eventId).distinct().count());
            List<Integer> progress = delivered.stream().filter(h -> h.event().equals("job_progress"))
                    .map(h -> h.payload().get("progress").asInt()).toList();
            assertEquals(progress.stream().sorted().distinct().toList(), progress, "progress only rises");
        }
    }

    /** Files in a storage folder whose name holds {@code id}; with an empty folder, leftover temp files. */
    private List<String> files(String folder, String id) throws IOException {
        Path dir = data.resolve("storage").resolve(folder);
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(name -> id.isEmpty() ? name.startsWith(".upload-") : name.contains(id)).sorted().toList();
        }
    }
}
