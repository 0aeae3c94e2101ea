package narrator.app.webhooks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * POSTs with the JDK client. {@code timeout} bounds the connect and, separately, the wait for the
 * response, so one attempt takes at most twice the timeout. Redirects are not followed: a redirect could
 * carry the signed body to a host the caller never configured, and 3xx counts as a failed attempt.
 */
final class HttpWebhookSender implements WebhookSender {
    private final HttpClient client;
    private final Duration timeout;

    HttpWebhookSender(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public int post(URI url, Map<String, String> headers, String jsonBody) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Narrator-Webhooks/1")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody));
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
