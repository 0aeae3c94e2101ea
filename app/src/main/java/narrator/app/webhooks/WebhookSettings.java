package narrator.app.webhooks;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Webhook configuration, validated once at start-up.
 *
 * @param globalUrl        {@code WEBHOOK_URL}: receives every job's events; null when not set
 * @param secret           {@code WEBHOOK_SECRET}: HMAC key; null sends unsigned requests
 * @param timeout          {@code WEBHOOK_TIMEOUT_SECONDS} (5): connect limit, and again response limit
 * @param progressInterval {@code WEBHOOK_PROGRESS_INTERVAL_SECONDS} (5): at most one job_progress per job per interval
 * @param retry            backoff schedule; {@code WEBHOOK_RETRY_WINDOW_SECONDS} (3600, at least 1800) sets its window
 * @param senders          {@code WEBHOOK_SENDERS} (4): deliveries in flight at once, at most one per URL
 * @param pollInterval     how often the dispatcher looks for due rows when nothing woke it
 * @param globalEvents     {@code WEBHOOK_EVENTS} (all): the events sent to {@code globalUrl}
 * @param globalFormat     {@code WEBHOOK_FORMAT} (narrator): their shape; {@code reference} sends only the Python
 *                         service's two events with only its fields
 */
public record WebhookSettings(String globalUrl, String secret, Duration timeout, Duration progressInterval,
        RetryPolicy retry, int senders, Duration pollInterval, Set<String> globalEvents, WebhookFormat globalFormat) {
    /** A shorter window would give up on a receiver during an ordinary deploy or restart. */
    static final Duration MIN_RETRY_WINDOW = Duration.ofMinutes(30);

    public WebhookSettings {
        Objects.requireNonNull(timeout);
        Objects.requireNonNull(progressInterval);
        Objects.requireNonNull(retry);
        Objects.requireNonNull(pollInterval);
        Objects.requireNonNull(globalFormat);
        globalEvents = Set.copyOf(globalEvents);
        if (globalUrl != null) {
            requireHttpUrl(globalUrl);
        }
        if (senders < 1) {
            throw new IllegalArgumentException("webhook senders must be at least 1, got " + senders);
        }
        if (timeout.isZero() || timeout.isNegative() || pollInterval.isZero() || pollInterval.isNegative()) {
            throw new IllegalArgumentException("webhook timeout and poll interval must be positive");
        }
    }

    /** Every event, in Narrator's format, to the global URL. */
    public WebhookSettings(String globalUrl, String secret, Duration timeout, Duration progressInterval,
            RetryPolicy retry, int senders, Duration pollInterval) {
        this(globalUrl, secret, timeout, progressInterval, retry, senders, pollInterval,
                Set.copyOf(WebhookEvents.NAMES), WebhookFormat.NARRATOR);
    }

    public static WebhookSettings fromEnvironment(Map<String, String> env) {
        long window = positive(env, "WEBHOOK_RETRY_WINDOW_SECONDS", 3600);
        if (window < MIN_RETRY_WINDOW.toSeconds()) {
            throw new IllegalArgumentException("WEBHOOK_RETRY_WINDOW_SECONDS must be at least "
                    + MIN_RETRY_WINDOW.toSeconds() + ", got " + window);
        }
        return new WebhookSettings(blankToNull(env.get("WEBHOOK_URL")), blankToNull(env.get("WEBHOOK_SECRET")),
                Duration.ofSeconds(positive(env, "WEBHOOK_TIMEOUT_SECONDS", 5)),
                Duration.ofSeconds(positive(env, "WEBHOOK_PROGRESS_INTERVAL_SECONDS", 5)),
                RetryPolicy.defaults().withWindow(Duration.ofSeconds(window)),
                (int) positive(env, "WEBHOOK_SENDERS", 4),
                Duration.ofSeconds(10),
                events(env.get("WEBHOOK_EVENTS")),
                WebhookFormat.parse(Objects.requireNonNullElse(blankToNull(env.get("WEBHOOK_FORMAT")), "narrator")));
    }

    /** Where a job's events go: the global URL, then the job's own {@code webhook_url} (either may be null). */
    public List<String> targets(String jobWebhookUrl) {
        List<String> urls = new ArrayList<>(2);
        if (globalUrl != null) {
            urls.add(globalUrl);
        }
        if (jobWebhookUrl != null && !jobWebhookUrl.isBlank()) {
            urls.add(jobWebhookUrl);
        }
        return urls;
    }

    /**
     * {@code event} as {@code url} gets it: {@code WEBHOOK_URL} by {@code WEBHOOK_EVENTS} and {@code WEBHOOK_FORMAT}
     * (empty when they leave it out), a job's own URL whole. A job URL equal to {@code WEBHOOK_URL} is that URL.
     */
    public Optional<WebhookEvent> shapeFor(String url, WebhookEvent event) {
        if (globalUrl == null || !globalUrl.equals(url)) {
            return Optional.of(event);
        }
        return globalEvents.contains(event.name()) ? globalFormat.shape(event) : Optional.empty();
    }

    /** A comma list of event names; blank means all of them. */
    private static Set<String> events(String value) {
        if (value == null || value.isBlank()) {
            return Set.copyOf(WebhookEvents.NAMES);
        }
        Set<String> events = new LinkedHashSet<>();
        for (String name : value.split(",")) {
            String event = name.strip();
            if (!WebhookEvents.NAMES.contains(event)) {
                throw new IllegalArgumentException("WEBHOOK_EVENTS: unknown event '" + event + "'; expected a comma list of "
                        + String.join(", ", WebhookEvents.NAMES));
            }
            events.add(event);
        }
        return events;
    }

    /** Never prints the secret, so the settings can be logged at start-up. */
    @Override
    public String toString() {
        return "WebhookSettings[globalUrl=" + (globalUrl == null ? "none" : URI.create(globalUrl).getHost())
                + ", signed=" + (secret != null) + ", timeout=" + timeout + ", progressInterval=" + progressInterval
                + ", retry=" + retry + ", senders=" + senders + ", pollInterval=" + pollInterval
                + ", globalEvents=" + new TreeSet<>(globalEvents) + ", globalFormat=" + globalFormat + "]";
    }

    private static void requireHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("WEBHOOK_URL must be an absolute http(s) URL");
            }
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("WEBHOOK_URL is not a valid URL");
        }
    }

    private static long positive(Map<String, String> env, String name, long fallback) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.strip());
            if (parsed < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, got " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
