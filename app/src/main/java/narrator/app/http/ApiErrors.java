package narrator.app.http;

import java.util.LinkedHashMap;
import java.util.Map;
import narrator.core.ErrorCode;

/** The HTTP status for each error code, and the error body: {@code {"error": {code, message, details?}}}. */
final class ApiErrors {
    private ApiErrors() {
    }

    static int status(ErrorCode code) {
        return switch (code) {
            case INVALID_REQUEST, UNKNOWN_VOICE -> 400;
            case UNAUTHORIZED -> 401;
            case NOT_FOUND -> 404;
            case METHOD_NOT_ALLOWED -> 405;
            case CONFLICT, CANCELLED -> 409;
            case SCRIPT_TOO_LONG, INPUT_TOO_LARGE -> 413;
            case BUSY -> 429;
            case INVALID_TEXT, INVALID_MEDIA, VOICEOVER_MISMATCH, DOWNLOAD_FAILED, IDEMPOTENCY_MISMATCH -> 422;
            case STORAGE_ERROR -> 502;
            case VOICE_UNAVAILABLE, QUEUE_FULL -> 503;
            case TIMEOUT -> 504;
            // 507 (RFC 4918), not 503: the shortage lasts until an operator acts, so generic clients
            // should not retry it as a passing overload.
            case INSUFFICIENT_STORAGE -> 507;
            case TTS_FAILED, RENDER_FAILED, INTERNAL -> 500;
        };
    }

    static Map<String, Object> body(ErrorCode code, String message, Map<String, Object> details) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code.name());
        error.put("message", message);
        if (details != null && !details.isEmpty()) {
            error.put("details", details);
        }
        return Map.of("error", error);
    }
}
