package narrator.pipeline;

/** Receives progress: {@code fraction} of {@code stage} done, from 0 to 1. Must return quickly. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (stage, fraction) -> { };

    void progress(Stage stage, double fraction);

    /** Called once when {@code stage} has finished, with how long it took. */
    default void stageDone(Stage stage, java.time.Duration took) {
    }
}
