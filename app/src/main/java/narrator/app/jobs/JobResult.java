package narrator.app.jobs;

import java.util.Objects;

/** What a finished handler hands back: its result (output URLs etc.) as JSON, stored as is. */
public record JobResult(String resultJson) {
    public JobResult {
        Objects.requireNonNull(resultJson, "resultJson");
    }
}
