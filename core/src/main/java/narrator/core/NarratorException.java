package narrator.core;

import java.util.Map;
import java.util.Objects;

/**
 * The one domain exception: a failure with a stable {@link ErrorCode} and a message fit to show a
 * user (no stack traces, no secrets). {@code details} carries optional machine-readable context.
 */
public class NarratorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final Map<String, Object> details;

    public NarratorException(ErrorCode code, String message) {
        this(code, message, Map.of(), null);
    }

    public NarratorException(ErrorCode code, String message, Throwable cause) {
        this(code, message, Map.of(), cause);
    }

    public NarratorException(ErrorCode code, String message, Map<String, Object> details, Throwable cause) {
        super(Objects.requireNonNull(message), cause);
        this.code = Objects.requireNonNull(code);
        this.details = Map.copyOf(details);
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }
}
