package narrator.app.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook bodies the way Stripe does: {@code v1=} + hex HMAC-SHA256 of {@code timestamp + "." + body}
 * keyed with {@code WEBHOOK_SECRET}. The timestamp inside the signed text lets receivers reject replays
 * of old requests. Pure: no clock, no I/O.
 */
public final class WebhookSigner {
    static final String EVENT = "X-Narrator-Event";
    static final String EVENT_ID = "X-Narrator-Event-Id";
    static final String TIMESTAMP = "X-Narrator-Timestamp";
    static final String SIGNATURE = "X-Narrator-Signature";
    private static final String VERSION = "v1=";

    private final String secret;

    /** @param secret the shared secret; null or blank sends requests unsigned (no signature header) */
    public WebhookSigner(String secret) {
        this.secret = secret == null || secret.isBlank() ? null : secret;
    }

    /** The Narrator headers for one attempt; {@code unixSeconds} is the time of the attempt, not of the event. */
    Map<String, String> headers(String event, String eventId, long unixSeconds, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(EVENT, event);
        headers.put(EVENT_ID, eventId);
        headers.put(TIMESTAMP, Long.toString(unixSeconds));
        if (secret != null) {
            headers.put(SIGNATURE, sign(secret, Long.toString(unixSeconds), body));
        }
        return headers;
    }

    /** The signature header value: {@code v1=<lowercase hex HMAC-SHA256(secret, timestamp + "." + body)>}. */
    public static String sign(String secret, String timestamp, String body) {
        return VERSION + HexFormat.of().formatHex(hmac(secret, timestamp + "." + body));
    }

    /** {@link #verify(String, String, String, String, Duration, Instant)} against the system clock. */
    public static boolean verify(String secret, String timestamp, String body, String signatureHeader, Duration tolerance) {
        return verify(secret, timestamp, body, signatureHeader, tolerance, Instant.now());
    }

    /**
     * What a receiver does: the timestamp must be within {@code tolerance} of {@code now}, and one of the
     * comma-separated {@code v1=} values in the header must equal the HMAC (compared in constant time).
     * Several values let a sender sign with an old and a new secret while rotating.
     */
    public static boolean verify(String secret, String timestamp, String body, String signatureHeader,
            Duration tolerance, Instant now) {
        if (secret == null || timestamp == null || body == null || signatureHeader == null) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Duration.between(Instant.ofEpochSecond(seconds), now).abs().compareTo(tolerance) > 0) {
            return false;
        }
        byte[] expected = sign(secret, timestamp.strip(), body).getBytes(StandardCharsets.US_ASCII);
        for (String candidate : signatureHeader.split(",")) {
            if (MessageDigest.isEqual(expected, candidate.strip().getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }

    private static byte[] hmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
        }
    }
}
