package narrator.app.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Operators see a webhook's receiver, never the path, query or credentials its URL may carry. */
class WebhookDeliveryTest {
    @Test
    void aReceiverIsShownAsItsOriginOnly() {
        assertEquals("https://hooks.example.com", WebhookDelivery.origin("https://hooks.example.com/in?token=s3cret"));
        assertEquals("http://127.0.0.1:9000", WebhookDelivery.origin("http://me:pw@127.0.0.1:9000/x#y"));
        assertEquals("?", WebhookDelivery.origin("/relative/path"));
        assertEquals("?", WebhookDelivery.origin("not a url"));
    }
}
