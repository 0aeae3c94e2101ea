package narrator.app.webhooks;

/** How a job's own callback URL receives its events. */
public enum CallbackStyle {
    /** Narrator's events, all POSTed to the URL itself (as a job's {@code webhook_url} gets them). */
    EVENTS,
    /**
     * The GPU worker's convention: {@code {url}/progress}, {@code {url}/complete} and {@code {url}/error}, each
     * with that document's fields ({@link CallbackSubpaths}).
     */
    SUBPATHS
}
