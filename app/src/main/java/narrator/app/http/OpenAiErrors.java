package narrator.app.http;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import narrator.core.ErrorCode;

/**
 * Errors on {@code /v1/...} in OpenAI's shape, {@code {"error": {message, type, param, code}}}, which its client
 * libraries turn into their typed errors; the status is the one {@link ApiErrors} gives every code.
 */
final class OpenAiErrors {
    private OpenAiErrors() {
    }

    static Map<String, Object> body(ErrorCode code, String message, Map<String, Object> details) {
        int status = ApiErrors.status(code);
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", status == 429 ? "requests" : status >= 500 ? "server_error" : "invalid_request_error");
        error.put("param", details == null ? null : details.get("field"));
        error.put("code", switch (code) {
            case UNAUTHORIZED -> "invalid_api_key";
            case BUSY -> "rate_limit_exceeded";
            case NOT_FOUND -> "model".equals(details == null ? null : details.get("field")) ? "model_not_found" : "not_found";
            default -> code.name().toLowerCase(Locale.ROOT);
        });
        return Map.of("error", error);
    }
}
