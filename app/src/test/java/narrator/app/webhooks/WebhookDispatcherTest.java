package narrator.app.webhooks;

import narrator.app.testing.MutableClock;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import narrator.app.db.Database;
import narrator.app.webhooks.RetryPolicy.Jitter;
import narrator.pipeline.Stage;
import narrator.app.testing.Engine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dispatcher against real HTTP receivers (MockWebServer on loopback) and a real SQLite file. */
@ParameterizedClass
@EnumSource(Engine.class)
class WebhookDispatcherTest {
    @Parameter
    Engine engine;
    /** Retries within milliseconds, gives up after a few seconds. */
    private static final RetryPolicy FAST = new RetryPolicy(Duration.ofMillis(10), 2.0, Duration.ofMillis(40),
            Jitter.NONE, Duration.ofSeconds(30));
    /** The first failure parks the row for an hour: the test sees exactly one attempt. */
    private static final RetryPolicy ONCE = new RetryPolicy(Duration.ofHours(1), 2.0, Duration.ofHours(1),
            Jitter.NONE, Duration.ofHours(2));

    @TempDir
    Path dir;
    @StartStop
    final MockWebServer receiver = new MockWebServer();
    @StartStop
    final MockWebServer second = new MockWebServer();

    private final WebhookEvents events = new WebhookEvents(Clock.systemUTC());
    private Database db;

    @BeforeEach
    void open() {
        db = engine.open(dir);
    }

    @AfterEach
    void closeDb() {
        db.close();
    }

    @Test
    void postsSignedJsonThatTheReceiverCanVerify() throws Exception {
        receiver.enqueue(new MockResponse.Builder().code(204).build());
        WebhookEvent event = events.videoCompleted("j1", new VideoUrls("s3://b/v.wav", "s3://b/s.ass", "s3://b/f.mp4",
                null, null), Map.of("order", 7), Map.of("video", "https://s3.example.com/f.mp4?sig=1"));
        try (WebhookDispatcher dispatcher = start(settings("whsec_test", ONCE))) {
            outbox(dispatcher).enqueue("j1", event, List.of(hook(receiver)));

            RecordedRequest request = take(receiver);
            String body = request.getBody().utf8();
            String timestamp = request.getHeaders().get("X-Narrator-Timestamp");
            String signature = request.getHeaders().get("X-Narrator-Signature");
            assertEquals("POST", request.getMethod());
            assertEquals("application/json", request.getHeaders().get("Content-Type"));
            assertEquals("video_completed", request.getHeaders().get("X-Narrator-Event"));
            assertEquals(event.id(), request.getHeaders().get("X-Narrator-Event-Id"));
            assertEquals(new ObjectMapper().writeValueAsString(event.payload()), body);
            assertTrue(Math.abs(Long.parseLong(timestamp) - Instant.now().getEpochSecond()) < 60);
            assertEquals("v1=" + hmacHex("whsec_test", timestamp + "." + body), signature);
            assertTrue(WebhookSigner.verify("whsec_test", timestamp, body, signature, Duration.ofMinutes(5)));
            assertFalse(WebhookSigner.verify("not-the-secret", timestamp, body, signature, Duration.ofMinutes(5)));

            Deliveries.awaitOnly(db.dataSource(), row -> row.status().equals("delivered") && row.attempts() == 1
                    && Integer.valueOf(204).equals(row.lastStatusCode()));
        }
    }

    @Test
    void withoutSecretPostsUnsigned() throws Exception {
        receiver.enqueue(new MockResponse.Builder().code(200).build());
        try (WebhookDispatcher dispatcher = start(settings(null, ONCE))) {
            outbox(dispatcher).enqueue("j1", events.jobStarted("j1", Map.of()), List.of(hook(receiver)));
            RecordedRequest request = take(receiver);
            assertNull(request.getHeaders().get("X-Narrator-Signature"));
            assertNotNull(request.getHeaders().get("X-Narrator-Timestamp"));
        }
    }

    @Test
    void retriesUntilTheReceiverAccepts() throws Exception {
        receiver.enqueue(new MockResponse.Builder().code(500).build());
        receiver.enqueue(new MockResponse.Builder().code(500).build());
        receiver.enqueue(new MockResponse.Builder().code(200).build());
        WebhookEvent event = events.jobStarted("j1", Map.of());
        try (WebhookDispatcher dispatcher = start(settings(null, FAST))) {
            outbox(dispatcher).enqueue("j1", event, List.of(hook(receiver)));

            Deliveries.Row row = Deliveries.awaitOnly(db.dataSource(), r -> r.status().equals("delivered"));
            assertEquals(3, row.attempts());
            assertEquals(200, row.lastStatusCode());
            for (int i = 0; i < 3; i++) {
                assertEquals(event.id(), take(receiver).getHeaders().get("X-Narrator-Event-Id"));
            }
            assertEquals(3, receiver.getRequestCount());
        }
    }

    @Test
    void aPendingDeliveryIsSentAfterARestartExactlyOnce() throws Exception {
        AtomicBoolean healthy = new AtomicBoolean(false);
        List<String> accepted = new CopyOnWriteArrayList<>();
        receiver.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (!healthy.get()) {
                    return new MockResponse.Builder().code(503).build();
                }
                accepted.add(request.getHeaders().get("X-Narrator-Event-Id"));
                return new MockResponse.Builder().code(200).build();
            }
        });
        WebhookEvent event = events.jobStarted("j1", Map.of());
        try (WebhookDispatcher first = start(settings(null, FAST))) {
            outbox(first).enqueue("j1", event, List.of(hook(receiver)));
            Deliveries.awaitOnly(db.dataSource(), row -> row.status().equals("pending") && row.attempts() >= 1);
        }

        healthy.set(true);
        try (WebhookDispatcher second = start(settings(null, FAST))) {
            Deliveries.awaitOnly(db.dataSource(), row -> row.status().equals("delivered"));
        }
        assertEquals(List.of(event.id()), accepted);
    }

    @Test
    void givesUpWhenTheRetryWindowIsOver() throws Exception {
        receiver.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(500).build();
            }
        });
        // Time moves only by hand, so the attempts made inside the window do not depend on machine load.
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        RetryPolicy oneSecondWindow = FAST.withWindow(Duration.ofSeconds(1));
        try (WebhookDispatcher dispatcher = new WebhookDispatcher(db, settings(null, oneSecondWindow),
                clock, url -> true, DeliveryOutcomes.NONE).start()) {
            WebhookOutbox outbox = new WebhookOutbox(db, clock, Duration.ofSeconds(5), dispatcher::wake);
            outbox.enqueue("j1", new WebhookEvents(clock).jobStarted("j1", Map.of()), List.of(hook(receiver)));
            Deliveries.awaitOnly(db.dataSource(), r -> r.status().equals("pending") && r.attempts() == 1);

            clock.advance(Duration.ofMillis(15));
            dispatcher.wake();
            Deliveries.awaitOnly(db.dataSource(), r -> r.status().equals("pending") && r.attempts() == 2);

            clock.advance(Duration.ofSeconds(1));
            dispatcher.wake();
            Deliveries.Row row = Deliveries.awaitOnly(db.dataSource(), r -> r.status().equals("failed"));
            assertEquals("HTTP 500", row.lastError());
            assertEquals(500, row.lastStatusCode());
            assertEquals(3, row.attempts(), "retried inside the window, gave up after it: " + row);
            assertEquals(row.attempts(), receiver.getRequestCount());
        }
    }

    @Test
    void aSlowReceiverDelaysNeitherEnqueueNorOtherReceivers() throws Exception {
        receiver.enqueue(new MockResponse.Builder().code(200).headersDelay(30, SECONDS).build());
        second.enqueue(new MockResponse.Builder().code(200).build());
        second.enqueue(new MockResponse.Builder().code(200).build());
        WebhookSettings settings = new WebhookSettings(null, null, Duration.ofSeconds(20), Duration.ofSeconds(5), ONCE,
                4, Duration.ofSeconds(1));
        try (WebhookDispatcher dispatcher = start(settings)) {
            WebhookOutbox outbox = outbox(dispatcher);
            outbox.enqueue("j1", events.jobStarted("j1", Map.of()), List.of(hook(receiver), hook(second)));
            assertEquals("j1", jobOf(take(second)));
            take(receiver); // the slow receiver has the request and sits on its answer

            Instant before = Instant.now();
            outbox.enqueue("j2", events.jobStarted("j2", Map.of()), List.of(hook(second)));
            assertTrue(Duration.between(before, Instant.now()).toMillis() < 1000, "enqueue does not wait for receivers");
            assertEquals("j2", jobOf(take(second)));

            List<Deliveries.Row> rows = Deliveries.all(db.dataSource());
            Deliveries.Row slow = rows.stream().filter(r -> r.url().equals(hook(receiver))).findFirst().orElseThrow();
            assertEquals("pending", slow.status());
            assertEquals(0, slow.attempts(), "the slow attempt is still in flight");
            receiver.close(); // end the slow attempt now instead of waiting out its timeout
        }
    }

    @Test
    void sendsToTheGlobalAndTheJobUrlAndADuplicateOnce() throws Exception {
        receiver.enqueue(new MockResponse.Builder().code(200).build());
        second.enqueue(new MockResponse.Builder().code(200).build());
        WebhookSettings both = new WebhookSettings(hook(receiver), null, Duration.ofSeconds(2), Duration.ofSeconds(5),
                ONCE, 4, Duration.ofSeconds(1));
        try (WebhookDispatcher dispatcher = start(both)) {
            WebhookOutbox outbox = outbox(dispatcher);
            outbox.enqueue("j1", events.jobStarted("j1", Map.of()), both.targets(hook(second)));
            assertEquals("j1", jobOf(take(receiver)));
            assertEquals("j1", jobOf(take(second)));

            receiver.enqueue(new MockResponse.Builder().code(200).build());
            outbox.enqueue("j2", events.jobStarted("j2", Map.of()), both.targets(hook(receiver)));
            assertEquals("j2", jobOf(take(receiver)));
            assertEquals(3, Deliveries.all(db.dataSource()).size());
        }
        assertEquals(2, receiver.getRequestCount());
        assertEquals(1, second.getRequestCount());
    }

    @Test
    void keepsAJobsEventsInOrderForEachUrl() throws Exception {
        receiver.enqueue(new MockResponse.Builder().code(500).build());
        receiver.enqueue(new MockResponse.Builder().code(200).build());
        receiver.enqueue(new MockResponse.Builder().code(200).build());
        try (WebhookDispatcher dispatcher = start(settings(null, FAST))) {
            WebhookOutbox outbox = outbox(dispatcher);
            outbox.enqueue("j1", events.jobStarted("j1", Map.of()), List.of(hook(receiver)));
            outbox.enqueue("j1", events.jobCancelled("j1", Map.of()), List.of(hook(receiver)));

            List<String> received = List.of(eventOf(take(receiver)), eventOf(take(receiver)), eventOf(take(receiver)));
            assertEquals(List.of("job_started", "job_started", "job_cancelled"), received);
        }
    }

    @Test
    void doesNotFollowRedirects() throws Exception {
        receiver.enqueue(new MockResponse.Builder().code(302).addHeader("Location", receiver.url("/elsewhere")).build());
        receiver.enqueue(new MockResponse.Builder().code(200).build()); // answers a followed redirect, if any
        try (WebhookDispatcher dispatcher = start(settings(null, ONCE))) {
            outbox(dispatcher).enqueue("j1", events.jobStarted("j1", Map.of()), List.of(hook(receiver)));

            Deliveries.Row row = Deliveries.awaitOnly(db.dataSource(), r -> r.attempts() == 1);
            assertEquals("pending", row.status());
            assertEquals(302, row.lastStatusCode());
        }
        assertEquals(1, receiver.getRequestCount());
        assertEquals("/hook", take(receiver).getUrl().encodedPath());
    }

    @Test
    void aUrlTheGuardRefusesFailsWithoutAConnection() throws Exception {
        Predicate<URI> refuseAll = url -> false;
        try (WebhookDispatcher dispatcher =
                new WebhookDispatcher(db, settings(null, FAST), Clock.systemUTC(), refuseAll, DeliveryOutcomes.NONE).start()) {
            outbox(dispatcher).enqueue("j1", events.jobStarted("j1", Map.of()), List.of(hook(receiver)));

            Deliveries.Row row = Deliveries.awaitOnly(db.dataSource(), r -> r.status().equals("failed"));
            assertEquals("refused by the webhook URL policy", row.lastError());
        }
        assertEquals(0, receiver.getRequestCount());
    }

    @Test
    void aReRunAfterACrashRepeatsNoEventAndNeverSendsProgressBackwards() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        receiver.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                try {
                    var body = new ObjectMapper().readTree(request.getBody().utf8());
                    received.add(eventOf(request) + " " + body.path("progress").asText("-") + " "
                            + request.getHeaders().get("X-Narrator-Event-Id"));
                } catch (Exception e) {
                    received.add("unreadable " + e);
                }
                return new MockResponse.Builder().code(200).build();
            }
        });
        String url = hook(receiver);
        // The first attempt got as far as the voice, then the process died.
        WebhookEvents firstRun = new WebhookEvents(new MutableClock(Instant.parse("2026-01-01T00:00:00Z")));
        WebhookEvent started = firstRun.jobStarted("j1", Map.of());
        WebhookEvent twenty = firstRun.jobProgress("j1", Stage.SYNTHESIZING, 20, Map.of());
        WebhookEvent voice = firstRun.voiceoverUploaded("j1", "s3://b/j1-voice.wav", null, Map.of(), Map.of("voice", "https://s/1"));
        try (WebhookDispatcher dispatcher = start(settings(null, FAST))) {
            WebhookOutbox outbox = everyProgress(dispatcher);
            for (WebhookEvent event : List.of(started, twenty, voice)) {
                outbox.enqueue("j1", event, List.of(url));
            }
            Deliveries.awaitAll(db.dataSource(), 3, row -> row.status().equals("delivered"));
        }

        // The re-run, a minute later in a new process: the same job announces the same things again.
        WebhookEvents reRun = new WebhookEvents(new MutableClock(Instant.parse("2026-01-01T00:01:00Z")));
        List<WebhookEvent> again = List.of(reRun.jobStarted("j1", Map.of()),
                reRun.jobProgress("j1", Stage.DOWNLOADING, 0, Map.of()),
                reRun.jobProgress("j1", Stage.DOWNLOADING, 2, Map.of()),
                reRun.jobProgress("j1", Stage.SYNTHESIZING, 20, Map.of()),
                reRun.voiceoverUploaded("j1", "s3://b/j1-voice.wav", null, Map.of(), Map.of("voice", "https://s/2")),
                reRun.jobProgress("j1", Stage.RENDERING, 25, Map.of()),
                reRun.videoCompleted("j1", new VideoUrls("s3://b/v", "s3://b/s", "s3://b/m", null, null), Map.of(), Map.of()));
        assertEquals(started.id(), again.get(0).id());
        assertEquals(twenty.id(), again.get(3).id());
        assertEquals(voice.id(), again.get(4).id());
        try (WebhookDispatcher dispatcher = start(settings(null, FAST))) {
            WebhookOutbox outbox = everyProgress(dispatcher);
            for (WebhookEvent event : again) {
                outbox.enqueue("j1", event, List.of(url));
            }
            Deliveries.awaitAll(db.dataSource(), 5, row -> row.status().equals("delivered"));
        }

        assertEquals(List.of("job_started - " + started.id(), "job_progress 20 " + twenty.id(),
                "voiceover_uploaded - " + voice.id(), "job_progress 25 " + again.get(5).id(),
                "video_completed - " + again.get(6).id()), received);
    }

    @Test
    void anEventTheReceiverRefusesGivesUpAfterAFewTriesAndTheJobsNextEventsGo() throws Exception {
        // A strict receiver typed for the two reference events: 422 for anything else, 429 once when busy.
        AtomicBoolean busyOnce = new AtomicBoolean(true);
        List<String> answered = new CopyOnWriteArrayList<>();
        receiver.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String event = eventOf(request);
                int code = !Set.of("voiceover_uploaded", "video_completed").contains(event) ? 422
                        : busyOnce.getAndSet(false) ? 429 : 200;
                answered.add(event + " " + code);
                return new MockResponse.Builder().code(code).build();
            }
        });
        // A retry window of 30 s: before, the refused event held the job's others back for all of it.
        try (WebhookDispatcher dispatcher = start(settings(null, FAST))) {
            WebhookOutbox outbox = outbox(dispatcher);
            outbox.enqueue("j1", events.jobStarted("j1", Map.of()), List.of(hook(receiver)));
            outbox.enqueue("j1", events.voiceoverUploaded("j1", "s3://b/v.wav", null, Map.of(), Map.of()), List.of(hook(receiver)));
            outbox.enqueue("j1", events.videoCompleted("j1", new VideoUrls("s3://b/v.wav", "s", "m", null, null), Map.of(),
                    Map.of()), List.of(hook(receiver)));

            List<Deliveries.Row> rows = Deliveries.awaitAll(db.dataSource(), 3, row -> !row.status().equals("pending"));
            assertEquals(List.of("failed 3 422", "delivered 2 200", "delivered 1 200"), rows.stream()
                    .map(row -> row.status() + " " + row.attempts() + " " + row.lastStatusCode()).toList());
        }
        assertEquals(List.of("job_started 422", "job_started 422", "job_started 422", "voiceover_uploaded 429",
                "voiceover_uploaded 200", "video_completed 200"), answered);
    }

    /** An outbox whose in-memory throttle lets every rising progress through, as a fresh process's does. */
    private WebhookOutbox everyProgress(WebhookDispatcher dispatcher) {
        return new WebhookOutbox(db, Clock.systemUTC(), Duration.ZERO, dispatcher::wake);
    }

    private WebhookDispatcher start(WebhookSettings settings) {
        return new WebhookDispatcher(db, settings, Clock.systemUTC(), url -> true, DeliveryOutcomes.NONE).start();
    }

    private WebhookOutbox outbox(WebhookDispatcher dispatcher) {
        return new WebhookOutbox(db, Clock.systemUTC(), Duration.ofSeconds(5), dispatcher::wake);
    }

    private static WebhookSettings settings(String secret, RetryPolicy retry) {
        return new WebhookSettings(null, secret, Duration.ofSeconds(2), Duration.ofSeconds(5), retry, 4,
                Duration.ofSeconds(1));
    }

    private static String hook(MockWebServer server) {
        return server.url("/hook").toString();
    }

    private static RecordedRequest take(MockWebServer server) throws InterruptedException {
        RecordedRequest request = server.takeRequest(10, SECONDS);
        assertNotNull(request, "no request within 10 s");
        return request;
    }

    private static String jobOf(RecordedRequest request) throws Exception {
        return new ObjectMapper().readTree(request.getBody().utf8()).get("job_id").asText();
    }

    private static String eventOf(RecordedRequest request) {
        return request.getHeaders().get("X-Narrator-Event");
    }

    /** Recomputed here from scratch, as a receiver would, rather than through WebhookSigner. */
    private static String hmacHex(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
