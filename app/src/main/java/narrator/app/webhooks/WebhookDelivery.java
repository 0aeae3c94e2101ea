package narrator.app.webhooks;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;

/**
 * What became of one event sent to one receiver, as operators may see it: the receiver only as its origin
 * ({@code scheme://host[:port]}), since a webhook URL's path or query may carry a token; no body, no signature.
 *
 * @param status        {@code pending}, {@code delivered} or {@code failed}
 * @param nextAttemptAt when a pending delivery is tried next; null once settled
 */
public record WebhookDelivery(String eventId, String event, String receiver, String status, int attempts,
        Integer lastStatusCode, String lastError, Instant createdAt, Instant nextAttemptAt, Instant deliveredAt) {

    /** {@code url} reduced to {@code scheme://host[:port]}; {@code "?"} when it is not an absolute URL. */
    static String origin(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "?";
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        } catch (URISyntaxException e) {
            return "?";
        }
    }
}
