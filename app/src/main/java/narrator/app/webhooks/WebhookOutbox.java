package narrator.app.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import narrator.app.db.Database;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;

/**
 * Where the job flow drops events. Writes one delivery row per target URL to the database and wakes the
 * dispatcher; never touches the network, so a slow or dead receiver cannot slow a render down.
 */
public final class WebhookOutbox {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Deliveries {@link #deliveries} lists at most: a long job's progress events would make a page of noise. */
    public static final int LISTED = 200;

    private final DeliveryStore store;
    private final Clock clock;
    private final ProgressEventThrottle throttle;
    private final Runnable onEnqueued;

    /**
     * @param progressInterval at most one {@code job_progress} per job per interval
     * @param onEnqueued       called after rows are written; pass {@code dispatcher::wake}
     */
    public WebhookOutbox(Database database, Clock clock, Duration progressInterval, Runnable onEnqueued) {
        this.store = new DeliveryStore(database);
        this.clock = clock;
        this.throttle = new ProgressEventThrottle(progressInterval);
        this.onEnqueued = onEnqueued;
    }

    /**
     * Queues {@code event} for every URL in {@code urls} (null and blank entries skipped, duplicates sent once).
     * A {@code job_progress} event may be dropped by the throttle; with no URL nothing happens.
     */
    public void enqueue(String jobId, WebhookEvent event, List<String> urls) {
        enqueue(jobId, event, urls, url -> Optional.of(event));
    }

    /**
     * As {@link #enqueue(String, WebhookEvent, List)}, each URL getting {@code event} in the shape {@code shapeFor}
     * gives it (same id), or not at all when that is empty.
     */
    public void enqueue(String jobId, WebhookEvent event, List<String> urls,
            Function<String, Optional<WebhookEvent>> shapeFor) {
        Objects.requireNonNull(jobId);
        List<String> targets = urls.stream()
                .filter(Objects::nonNull)
                .map(String::strip)
                .filter(url -> !url.isEmpty())
                .distinct()
                .toList();
        Instant now = clock.instant();
        if (targets.isEmpty() || !throttle.admit(jobId, event, now)) {
            return;
        }
        List<DeliveryStore.Addressed> rows = new ArrayList<>();
        for (String url : targets) {
            shapeFor.apply(url).ifPresent(shaped -> rows.add(new DeliveryStore.Addressed(url, shaped, toJson(shaped))));
        }
        if (rows.isEmpty()) {
            return;
        }
        store.insert(jobId, rows, now);
        onEnqueued.run();
    }

    /** What became of {@code jobId}'s events: its newest {@link #LISTED} deliveries, newest first. */
    public List<WebhookDelivery> deliveries(String jobId) {
        return store.ofJob(jobId, LISTED);
    }

    private static String toJson(WebhookEvent event) {
        try {
            return JSON.writeValueAsString(event.payload());
        } catch (JsonProcessingException e) {
            throw new NarratorException(ErrorCode.INTERNAL, "webhook payload of " + event.name() + " is not JSON", e);
        }
    }
}
