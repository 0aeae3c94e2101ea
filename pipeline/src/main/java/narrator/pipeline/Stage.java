package narrator.pipeline;

/** The stages a render goes through, in order; used for progress reports and per-stage timings. */
public enum Stage {
    DOWNLOADING,
    SYNTHESIZING,
    SUBTITLES,
    RENDERING,
    THUMBNAIL,
    UPLOADING;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
