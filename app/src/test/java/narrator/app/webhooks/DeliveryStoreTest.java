package narrator.app.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import narrator.app.db.Database;
import narrator.app.db.DatabaseUrl;
import narrator.app.testing.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The outbox's table on each engine: dispatchers on several nodes share it, and a due delivery is claimed by one of
 * them, once; a job's deliveries are listed for operators without what a URL may hide.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class DeliveryStoreTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Parameter
    Engine engine;

    @TempDir
    Path dir;

    @Test
    void aJobsDeliveriesAreListedNewestFirstWithEachReceiverAsItsOriginOnly() {
        try (Database database = Database.open(engine.url(dir))) {
            DeliveryStore store = new DeliveryStore(database);
            String tokenUrl = "https://user:pass@hooks.example.com:8443/in/tok-5e3?sig=abc";
            WebhookEvent started = new WebhookEvent("e1", "job_started", Map.of());
            WebhookEvent done = new WebhookEvent("e2", "video_completed", Map.of());
            store.insert("job", List.of(new DeliveryStore.Addressed(tokenUrl, started, "{}"),
                    new DeliveryStore.Addressed("http://10.0.0.1/hook", started, "{}")), NOW);
            store.insert("other", List.of(new DeliveryStore.Addressed(tokenUrl, started, "{}")), NOW);
            store.insert("job", List.of(new DeliveryStore.Addressed(tokenUrl, done, "{}")), NOW.plusSeconds(5));
            List<Delivery> due = store.due(NOW.plusSeconds(5), List.of(), 10);
            store.delivered(due.get(0).id(), 1, 204, NOW.plusSeconds(1));
            store.retryAt(due.get(1).id(), 1, 503, "HTTP 503", NOW.plusSeconds(30));
            // The job's second event to the first URL is due once its first was delivered.
            Delivery second = store.due(NOW.plusSeconds(5), List.of(), 10).stream()
                    .filter(d -> d.eventId().equals("e2")).findFirst().orElseThrow();
            store.failed(second.id(), 3, null, "ConnectException: Connection refused");

            String secure = "https://hooks.example.com:8443";
            assertEquals(List.of(
                    new WebhookDelivery("e2", "video_completed", secure, "failed", 3, null,
                            "ConnectException: Connection refused", NOW.plusSeconds(5), null, null),
                    new WebhookDelivery("e1", "job_started", "http://10.0.0.1", "pending", 1, 503, "HTTP 503", NOW,
                            NOW.plusSeconds(30), null),
                    new WebhookDelivery("e1", "job_started", secure, "delivered", 1, 204, null, NOW, null,
                            NOW.plusSeconds(1))),
                    store.ofJob("job", 10));
            assertEquals(List.of("video_completed"), store.ofJob("job", 1).stream().map(WebhookDelivery::event).toList());
            assertEquals(List.of(), store.ofJob("nobody", 10));
        }
    }

    @Test
    void aDueDeliveryIsClaimedByOneOfManyRacingDispatchers() throws Exception {
        DatabaseUrl url = engine.url(dir);
        try (Database one = Database.open(url); Database two = Database.open(url)) {
            List<DeliveryStore> stores = List.of(new DeliveryStore(one), new DeliveryStore(two));
            int deliveries = 40;
            for (int i = 0; i < deliveries; i++) {
                WebhookEvent event = new WebhookEvent("e" + i, "job_started", Map.of("job_id", "job" + i));
                stores.get(0).insert("job" + i, List.of(new DeliveryStore.Addressed("http://hook", event, "{}")), NOW);
            }
            Set<Long> claimed = ConcurrentHashMap.newKeySet();
            List<Long> doubles = new ArrayList<>();
            int threads = 8;
            CyclicBarrier start = new CyclicBarrier(threads);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> racers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    DeliveryStore store = stores.get(t % 2);
                    racers.add(pool.submit(() -> {
                        start.await();
                        for (List<Delivery> due; !(due = store.due(NOW, List.of(), 10)).isEmpty(); ) {
                            for (Delivery delivery : due) {
                                if (store.claim(delivery, NOW.plus(Duration.ofMinutes(1))) && !claimed.add(delivery.id())) {
                                    synchronized (doubles) {
                                        doubles.add(delivery.id());
                                    }
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> racer : racers) {
                    racer.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(List.of(), doubles, "claimed twice");
            assertEquals(deliveries, claimed.size());
            assertTrue(stores.get(1).due(NOW, List.of(), 10).isEmpty(), "every claimed delivery is leased");
        }
    }
}
