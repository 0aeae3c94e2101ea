package narrator.app.webhooks;

import narrator.app.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import narrator.app.db.Database;
import narrator.pipeline.Stage;
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
class WebhookOutboxTest {
    @Parameter
    Engine engine;
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final WebhookEvents events = new WebhookEvents(clock);
    private final AtomicInteger wakeups = new AtomicInteger();
    private Database db;
    private WebhookOutbox outbox;

    @BeforeEach
    void open() {
        db = engine.open(dir);
        outbox = new WebhookOutbox(db, clock, Duration.ofSeconds(5), wakeups::incrementAndGet);
    }

    @AfterEach
    void closeDb() {
        db.close();
    }

    @Test
    void writesOnePendingRowPerDistinctUrlAndWakesTheDispatcher() {
        WebhookEvent event = events.jobStarted("j1", Map.of());
        outbox.enqueue("j1", event, Arrays.asList("http://a.test/h", " http://a.test/h ", null, "", "http://b.test/h"));

        List<Deliveries.Row> rows = Deliveries.all(db.dataSource());
        assertEquals(List.of("http://a.test/h", "http://b.test/h"), rows.stream().map(Deliveries.Row::url).toList());
        for (Deliveries.Row row : rows) {
            assertEquals(new Deliveries.Row(event.id(), "j1", "job_started", row.url(), row.payloadJson(), "pending", 0,
                    null, null), row);
        }
        assertEquals(1, wakeups.get());
    }

    @Test
    void theSameEventTwiceIsQueuedOnce() {
        WebhookEvent event = events.jobStarted("j1", Map.of());
        outbox.enqueue("j1", event, List.of("http://a.test/h"));
        outbox.enqueue("j1", event, List.of("http://a.test/h"));
        assertEquals(1, Deliveries.all(db.dataSource()).size());
    }

    @Test
    void withoutUrlsNothingIsQueued() {
        outbox.enqueue("j1", events.jobStarted("j1", Map.of()), List.of());
        assertEquals(0, Deliveries.all(db.dataSource()).size());
        assertEquals(0, wakeups.get());
    }

    @Test
    void progressIsThrottledPerJobAndOnlySentWhenItAdvances() {
        List<String> url = List.of("http://a.test/h");
        progress("j1", 10, url);                       // first: sent
        progress("j2", 5, url);                        // other job: own throttle, sent
        clock.advance(Duration.ofSeconds(1));
        progress("j1", 20, url);                       // within 5 s: dropped
        clock.advance(Duration.ofSeconds(4));
        progress("j1", 30, url);                       // 5 s later and advanced: sent
        clock.advance(Duration.ofSeconds(10));
        progress("j1", 30, url);                       // not advanced: dropped
        progress("j1", 100, url);                      // completion carries 100: dropped
        outbox.enqueue("j1", events.videoCompleted("j1", new VideoUrls("v", "s", "m", null, null), Map.of(), Map.of()), url);
        progress("j1", 10, url);                       // below what the job already sent (a re-run): dropped

        assertEquals(List.of("j1:10", "j2:5", "j1:30", "j1:video_completed"),
                Deliveries.all(db.dataSource()).stream()
                        .map(row -> row.jobId() + ":" + (row.event().equals("job_progress")
                                ? row.payloadJson().replaceAll(".*\"progress\":(\\d+).*", "$1") : row.event()))
                        .toList());
    }

    private void progress(String jobId, int percent, List<String> urls) {
        outbox.enqueue(jobId, events.jobProgress(jobId, Stage.RENDERING, percent, Map.of()), urls);
    }
}
