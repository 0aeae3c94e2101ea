package narrator.app.jobs;

import java.util.Locale;

/** What a job produces; the handler dispatches on it. */
public enum JobKind {
    RENDER,
    VOICEOVER,
    RENDER_VIDEO,
    /** Captions burned onto a caller's own video: no speech. */
    CAPTIONS;

    /** The name stored in the database and shown by the API. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static JobKind fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
