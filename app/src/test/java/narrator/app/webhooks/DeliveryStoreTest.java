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

/** Dispatchers on several nodes share the outbox: a due delivery is claimed by one of them, once. */
@ParameterizedClass
@EnumSource(Engine.class)
class DeliveryStoreTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Parameter
    Engine engine;

    @TempDir
    Path dir;

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
