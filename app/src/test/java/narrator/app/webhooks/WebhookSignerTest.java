package narrator.app.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {
    private static final String BODY = "{\"event\":\"job_started\"}";
    private static final Instant AT = Instant.ofEpochSecond(1736713845);
    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    /** Computed independently: python3 -c "import hmac,hashlib; print(hmac.new(b'whsec_test', b'1736713845.' + body, hashlib.sha256).hexdigest())" */
    private static final String EXPECTED = "v1=508cf3ce7927257602350635c28ab378c5dfc25c2d24f32b57a6f55cfeb7228e";

    @Test
    void signsTimestampDotBody() {
        assertEquals(EXPECTED, WebhookSigner.sign("whsec_test", "1736713845", BODY));
        assertEquals(Map.of("X-Narrator-Event", "job_started", "X-Narrator-Event-Id", "e1",
                        "X-Narrator-Timestamp", "1736713845", "X-Narrator-Signature", EXPECTED),
                new WebhookSigner("whsec_test").headers("job_started", "e1", 1736713845, BODY));
    }

    @Test
    void withoutSecretSendsNoSignature() {
        assertEquals(Map.of("X-Narrator-Event", "job_started", "X-Narrator-Event-Id", "e1",
                "X-Narrator-Timestamp", "1736713845"), new WebhookSigner(" ").headers("job_started", "e1", 1736713845, BODY));
    }

    @Test
    void verifies() {
        assertTrue(WebhookSigner.verify("whsec_test", "1736713845", BODY, EXPECTED, TOLERANCE, AT.plusSeconds(299)));
        assertTrue(WebhookSigner.verify("whsec_test", "1736713845", BODY, "v1=00, " + EXPECTED, TOLERANCE, AT),
                "any of several signatures (secret rotation)");
    }

    @Test
    void rejectsWrongSecretTamperedBodyOldTimestampAndGarbage() {
        assertFalse(WebhookSigner.verify("other", "1736713845", BODY, EXPECTED, TOLERANCE, AT));
        assertFalse(WebhookSigner.verify("whsec_test", "1736713845", BODY + " ", EXPECTED, TOLERANCE, AT));
        assertFalse(WebhookSigner.verify("whsec_test", "1736713845", BODY, EXPECTED, TOLERANCE, AT.plusSeconds(301)));
        assertFalse(WebhookSigner.verify("whsec_test", "soon", BODY, EXPECTED, TOLERANCE, AT));
        assertFalse(WebhookSigner.verify("whsec_test", "1736713845", BODY, null, TOLERANCE, AT));
    }
}
