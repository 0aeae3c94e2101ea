package narrator.app.webhooks;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import narrator.app.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the outbox queued. One daemon thread finds due rows and claims them; a small pool of sender
 * threads POSTs them. At most one delivery per URL is in flight, so a slow receiver holds at most one sender
 * (for at most twice the timeout) while other URLs keep being served. Rows live in SQLite, so a dispatcher
 * opened after a restart sends whatever is still pending; receivers dedupe on the event id.
 */
public final class WebhookDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int SCAN_LIMIT = 100;
    private static final int MAX_ERROR_LENGTH = 300;
    /**
     * Attempts answered with a refusal (a 4xx other than 408 and 429: the receiver does not take this event)
     * before the delivery fails, so the job's later events, which wait for it, go out within seconds.
     */
    static final int REFUSED_ATTEMPTS = 3;

    private final DeliveryStore store;
    private final WebhookSender sender;
    private final WebhookSigner signer;
    private final RetryPolicy retry;
    private final Clock clock;
    private final Predicate<URI> guard;
    private final DeliveryOutcomes outcomes;
    private final int senders;
    private final Duration pollInterval;
    /** Long enough to cover one whole attempt (connect plus response), so a claim never expires mid-send. */
    private final Duration lease;
    private final Duration timeout;
    /** URLs with a delivery in flight; its size is the number of busy senders. */
    private final Set<String> busyUrls = ConcurrentHashMap.newKeySet();
    private final Semaphore wakeups = new Semaphore(0);
    private final ExecutorService pool;
    private final Thread scanner;
    private volatile boolean closed;

    /**
     * @param guard checked before every attempt; a URL it refuses is marked failed without connecting
     *              (the HTTP layer's SSRF policy for job-supplied URLs); {@code url -> true} to allow all
     */
    public WebhookDispatcher(Database database, WebhookSettings settings, Clock clock, Predicate<URI> guard,
                             DeliveryOutcomes outcomes) {
        this(database, settings, clock, guard, new HttpWebhookSender(settings.timeout()), outcomes);
    }

    /** With the {@code sender} that makes each attempt (tests pass their own). */
    WebhookDispatcher(Database database, WebhookSettings settings, Clock clock, Predicate<URI> guard,
                      WebhookSender sender) {
        this(database, settings, clock, guard, sender, DeliveryOutcomes.NONE);
    }

    private WebhookDispatcher(Database database, WebhookSettings settings, Clock clock, Predicate<URI> guard,
                              WebhookSender sender, DeliveryOutcomes outcomes) {
        this.outcomes = outcomes;
        this.store = new DeliveryStore(database);
        this.sender = sender;
        this.signer = new WebhookSigner(settings.secret());
        this.retry = settings.retry();
        this.clock = clock;
        this.guard = guard;
        this.senders = settings.senders();
        this.pollInterval = settings.pollInterval();
        this.timeout = settings.timeout();
        this.lease = settings.timeout().multipliedBy(2).plusSeconds(1);
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(senders, task -> daemon(task, "webhook-sender-" + count.incrementAndGet()));
        this.scanner = daemon(this::scanLoop, "webhook-dispatcher");
    }

    /** Starts the scanner thread; returns this for chaining. */
    public WebhookDispatcher start() {
        scanner.start();
        return this;
    }

    /** Look for due deliveries now instead of at the next poll; cheap, callable from any thread. */
    public void wake() {
        wakeups.release();
    }

    /** Stops scanning and waits for attempts in flight; what is left stays pending for the next start. */
    @Override
    public void close() {
        closed = true;
        wake();
        try {
            scanner.join();
            pool.shutdown();
            if (!pool.awaitTermination(timeout.multipliedBy(2).plusSeconds(1).toMillis(), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void scanLoop() {
        while (!closed) {
            Duration wait;
            try {
                wait = dispatchDue();
            } catch (RuntimeException e) {
                LOG.warn("webhook dispatcher scan failed: {}", e.getMessage());
                wait = pollInterval;
            }
            try {
                wakeups.tryAcquire(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS);
                wakeups.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Claims and hands out as many due rows as there are idle senders; returns how long to sleep. */
    private Duration dispatchDue() {
        Instant now = clock.instant();
        int idle = senders - busyUrls.size();
        if (idle > 0) {
            for (Delivery delivery : store.due(now, List.copyOf(busyUrls), SCAN_LIMIT)) {
                if (idle == 0 || closed) {
                    break;
                }
                // Several jobs' rows may share a URL: the first one wins, the rest wait for its completion.
                if (!busyUrls.add(delivery.url())) {
                    continue;
                }
                if (!store.claim(delivery, now.plus(lease))) {
                    busyUrls.remove(delivery.url());
                    continue;
                }
                idle--;
                pool.execute(() -> attempt(delivery));
            }
        }
        return store.nextDueAfter(now)
                .map(at -> Duration.between(now, at))
                .filter(untilDue -> untilDue.compareTo(pollInterval) < 0)
                .orElse(pollInterval);
    }

    private void attempt(Delivery delivery) {
        try {
            record(delivery, send(delivery));
        } catch (RuntimeException e) {
            LOG.warn("webhook {} job={} host={} bookkeeping failed: {}", delivery.event(), delivery.jobId(),
                    host(delivery.url()), e.getMessage());
        } finally {
            busyUrls.remove(delivery.url());
            wake();
        }
    }

    /** What one attempt came to: a status code, or an error, and whether retrying could help. */
    private record Result(Integer statusCode, String error, boolean retryable) {
        boolean delivered() {
            return statusCode != null && statusCode / 100 == 2;
        }

        /** 408 (timeout) and 429 (rate limited) are "try again"; any other 4xx refuses this event. */
        boolean refused() {
            return statusCode != null && statusCode / 100 == 4 && statusCode != 408 && statusCode != 429;
        }
    }

    private Result send(Delivery delivery) {
        URI url;
        try {
            url = new URI(delivery.url());
        } catch (URISyntaxException e) {
            return new Result(null, "invalid URL", false);
        }
        if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
            return new Result(null, "not an absolute http(s) URL", false);
        }
        if (!guard.test(url)) {
            return new Result(null, "refused by the webhook URL policy", false);
        }
        var headers = signer.headers(delivery.event(), delivery.eventId(), clock.instant().getEpochSecond(),
                delivery.payloadJson());
        try {
            int code = sender.post(url, headers, delivery.payloadJson());
            return new Result(code, code / 100 == 2 ? null : "HTTP " + code, true);
        } catch (IOException e) {
            return new Result(null, describe(e), true);
        } catch (InterruptedException e) {
            // Closing: leave the row pending; its lease runs out and the next dispatcher sends it.
            Thread.currentThread().interrupt();
            return new Result(null, "interrupted by shutdown", true);
        }
    }

    private void record(Delivery delivery, Result result) {
        int attempt = delivery.attempts() + 1;
        Instant now = clock.instant();
        String outcome;
        DeliveryOutcomes.Outcome measured;
        if (result.delivered()) {
            store.delivered(delivery.id(), attempt, result.statusCode(), now);
            outcome = "delivered";
            measured = DeliveryOutcomes.Outcome.DELIVERED;
        } else {
            boolean retryable = result.retryable() && !(result.refused() && attempt >= REFUSED_ATTEMPTS);
            Optional<Duration> delay = retryable
                    ? retry.nextDelay(attempt, Duration.between(delivery.createdAt(), now),
                            ThreadLocalRandom.current().nextDouble())
                    : Optional.empty();
            if (delay.isPresent()) {
                store.retryAt(delivery.id(), attempt, result.statusCode(), result.error(), now.plus(delay.get()));
                outcome = "retry in " + delay.get().toMillis() + " ms";
                measured = DeliveryOutcomes.Outcome.RETRY;
            } else {
                store.failed(delivery.id(), attempt, result.statusCode(), result.error());
                outcome = "failed";
                measured = DeliveryOutcomes.Outcome.FAILED;
            }
        }
        outcomes.attempted(measured, Duration.between(delivery.createdAt(), now));
        // One line per attempt; the URL is reduced to its host because paths and queries may hold tokens.
        Object status = result.statusCode() != null ? result.statusCode() : result.error();
        if (outcome.equals("failed")) {
            LOG.warn("webhook {} job={} host={} attempt={} status={} failed: {}", delivery.event(), delivery.jobId(),
                    host(delivery.url()), attempt, status, result.error());
        } else {
            LOG.info("webhook {} job={} host={} attempt={} status={} {}", delivery.event(), delivery.jobId(),
                    host(delivery.url()), attempt, status, outcome);
        }
    }

    private static String describe(IOException e) {
        String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }

    private static String host(String url) {
        try {
            String host = new URI(url).getHost();
            return host == null ? "?" : host;
        } catch (URISyntaxException e) {
            return "?";
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
