package narrator.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import narrator.app.testing.Engine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Webhook deliveries through the service: retried after a failure, and kept across a restart. */
@ParameterizedClass
@EnumSource(Engine.class)
class WebhookFlowTest {
    @Parameter
    Engine engine;
    /** The default backoff waits 2.5 to 5 s before the first retry. */
    private static final Duration RETRY_DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path data;

    /** The database settings of this run's engine, one database per test (a restart finds the same one). */
    private Map<String, String> database;

    @BeforeEach
    void pickDatabase() {
        database = engine.settings(data);
    }

    private TestService start(Map<String, String> overrides) {
        return TestService.start(data, overrides, database);
    }

    @Test
    void aFailedDeliveryIsRetriedWithTheSameEvent() {
        try (MediaServer inputs = new MediaServer(); Receiver receiver = new Receiver();
             TestService service = start(Map.of("ALLOW_PRIVATE_URLS", "true"))) {
            AtomicInteger calls = new AtomicInteger();
            receiver.answer(hook -> calls.incrementAndGet() == 1 ? 500 : 200);

            String id = service.submit(Map.of("base_video_url", inputs.status("missing.mp4", 404),
                    "webhook_url", receiver.url()));

            assertEquals("failed", service.awaitEnded(id).get("status").asText());
            receiver.await(id, "job_started", RETRY_DEADLINE);
            Receiver.Hook failed = receiver.await(id, "job_failed", RETRY_DEADLINE);
            assertEquals("DOWNLOAD_FAILED", failed.payload().path("error").path("code").asText(), failed.body());
            List<Receiver.Hook> started = receiver.hooks(id).stream().filter(h -> h.event().equals("job_started")).toList();
            assertEquals(List.of(500, 200), started.stream().map(Receiver.Hook::answered).toList());
            assertEquals(started.get(0).eventId(), started.get(1).eventId(), "a retry resends the same event");
            assertEquals(started.get(0).body(), started.get(1).body());
            assertTrue(started.stream().allMatch(Receiver.Hook::signed));
        }
    }

    @Test
    void deliveriesPendingAtShutdownAreSentByTheNextStart() {
        Map<String, String> settings = Map.of("ALLOW_PRIVATE_URLS", "true");
        int port;
        try (Receiver probe = new Receiver()) {
            port = probe.port(); // a receiver that is down: nothing listens on this port until it comes back
        }
        String url = "http://127.0.0.1:" + port + "/hooks";
        String id;
        try (MediaServer inputs = new MediaServer(); TestService a = start(settings)) {
            id = a.submit(Map.of("base_video_url", inputs.status("missing.mp4", 404), "webhook_url", url));
            assertEquals("failed", a.awaitEnded(id).get("status").asText());
        }

        try (Receiver receiver = new Receiver(port); TestService b = start(settings)) {
            receiver.await(id, "job_started", RETRY_DEADLINE);
            receiver.await(id, "job_failed", RETRY_DEADLINE);
            assertTrue(receiver.hooks(id).stream().allMatch(Receiver.Hook::signed));
        }
    }

    @Test
    void theOperatorsWebhookUrlMayBeOnLoopbackEvenWhenJobUrlsMayNot() {
        try (Receiver receiver = new Receiver();
             TestService service = start(Map.of("WEBHOOK_URL", receiver.url()))) {
            Reply reply = service.post("/voiceover", Map.of("script", "Announce me."));

            assertEquals(200, reply.status(), reply.toString());
            String id = reply.json().get("job_id").asText();
            Receiver.Hook voiced = receiver.await(id, "voiceover_uploaded", Duration.ofSeconds(15));
            assertEquals(reply.json().get("voice_url"), voiced.payload().get("voice_url"));
            assertTrue(voiced.signed());
        }
    }

    @Test
    void aStrictReferenceReceiverGetsExactlyTheReferenceEventsAndFieldsWhileTheJobsUrlGetsAll() {
        Map<String, List<String>> reference = Map.of(
                "voiceover_uploaded", List.of("event", "job_id", "voice_url", "timestamp"),
                "video_completed", List.of("event", "job_id", "voice_url", "subtitles_url", "video_url", "thumbnail_url",
                        "timestamp"));
        try (Receiver strict = new Receiver(); Receiver own = new Receiver();
             TestService service = start(Map.of("ALLOW_PRIVATE_URLS", "true",
                     "WEBHOOK_URL", strict.url(), "WEBHOOK_FORMAT", "reference"))) {
            // Typed for the reference's two events: refuses any other event or field (as a strict schema does).
            strict.answer(hook -> {
                List<String> fields = new java.util.ArrayList<>();
                hook.payload().fieldNames().forEachRemaining(fields::add);
                return fields.equals(reference.get(hook.event())) ? 200 : 422;
            });
            String id = service.submit(Map.of("webhook_url", own.url()));

            assertEquals("completed", service.awaitEnded(id).get("status").asText());
            strict.await(id, "video_completed", RETRY_DEADLINE);
            own.await(id, "video_completed", RETRY_DEADLINE);
            // In order per job and URL: once video_completed is in, everything before it was sent or refused.
            assertEquals(List.of("voiceover_uploaded 200", "video_completed 200"),
                    strict.hooks(id).stream().map(h -> h.event() + " " + h.answered()).toList());
            assertTrue(own.delivered(id).containsAll(List.of("job_started", "voiceover_uploaded", "video_completed")),
                    own.delivered(id).toString());
            Receiver.Hook full = own.await(id, "video_completed", RETRY_DEADLINE);
            Receiver.Hook bare = strict.await(id, "video_completed", RETRY_DEADLINE);
            assertEquals(full.eventId(), bare.eventId());
            assertEquals(full.payload().get("video_url"), bare.payload().get("video_url"));
        }
    }

    @Test
    void webhookEventsChoosesWhatTheOperatorsUrlGets() {
        try (Receiver receiver = new Receiver();
             TestService service = start(Map.of("WEBHOOK_URL", receiver.url(),
                     "WEBHOOK_EVENTS", "voiceover_uploaded, job_failed"))) {
            Reply reply = service.post("/voiceover", Map.of("script", "Announce me."));

            assertEquals(200, reply.status(), reply.toString());
            String id = reply.json().get("job_id").asText();
            receiver.await(id, "voiceover_uploaded", Duration.ofSeconds(15));
            // job_started came first for this job and URL: had it been queued, it would have arrived already.
            assertEquals(List.of("voiceover_uploaded"), receiver.hooks(id).stream().map(Receiver.Hook::event).toList());
            assertTrue(receiver.hooks(id).get(0).payload().has("event_id"), "narrator format by default");
        }
    }
}
