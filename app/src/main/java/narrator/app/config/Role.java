package narrator.app.config;

import java.util.Locale;

/** What one node of a cluster does (ROLE, or {@code narrator serve --role}). */
public enum Role {
    /** Takes requests and renders: a single node, as before clusters. */
    ALL,
    /** Takes requests and serves status and files from the shared store; never claims a job. */
    API,
    /** Claims and renders jobs and sends webhooks; answers only {@code /health} over HTTP. */
    WORKER;

    /** Whether this node claims and runs jobs (and sends webhook deliveries). */
    public boolean renders() {
        return this != API;
    }

    /** Whether this node answers the job API ({@code /render}, {@code /jobs}, {@code /files}, ...). */
    public boolean servesApi() {
        return this != WORKER;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
