package narrator.app.jobs;

import java.util.Locale;

/** Where a job is in its life: {@code queued -> processing -> completed | failed | cancelled}. */
public enum JobStatus {
    QUEUED,
    PROCESSING,
    COMPLETED,
    FAILED,
    CANCELLED;

    /** A terminal job never changes again. */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /** The name stored in the database and shown by the API. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static JobStatus fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
