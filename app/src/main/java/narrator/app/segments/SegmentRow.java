package narrator.app.segments;

import java.time.Instant;
import java.util.Locale;

/** One row of the manifest: a segment of a job's video, how far it is and who draws it. */
public record SegmentRow(String jobId, int index, long startFrame, long endFrame, String fingerprint, String specJson,
                         Status status, int attempts, String nodeId, String pickedBy, Instant lastHeartbeat,
                         Instant startedAt, Instant endedAt, String fileKey, String errorCode, String errorMessage,
                         long version) {

    public enum Status {
        QUEUED, RENDERING, DONE, FAILED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Status fromLabel(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT));
        }
    }

    public long frames() {
        return endFrame - startFrame;
    }
}
