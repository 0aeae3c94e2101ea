package narrator.app.webhooks;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/** The network edge of the dispatcher: one POST, one status code. */
interface WebhookSender {
    /**
     * @return the response status; redirects are returned as they are, never followed
     * @throws IOException on connection failure or timeout
     */
    int post(URI url, Map<String, String> headers, String jsonBody) throws IOException, InterruptedException;
}
