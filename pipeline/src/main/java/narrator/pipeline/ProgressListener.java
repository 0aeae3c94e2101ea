package narrator.pipeline;

import java.time.Duration;
import java.util.function.Supplier;

/** Receives progress: {@code fraction} of {@code stage} done, from 0 to 1. Must return quickly. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (stage, fraction) -> { };

    void progress(Stage stage, double fraction);

    /** Called once when {@code stage} has finished, with how long it took. */
    default void stageDone(Stage stage, Duration took) {
    }

    /** Runs {@code work} as {@code stage}: reported at 0% and 100%, and its duration recorded. */
    default <T> T timed(Stage stage, Supplier<T> work) {
        long started = System.nanoTime();
        progress(stage, 0.0);
        T result = work.get();
        progress(stage, 1.0);
        stageDone(stage, Duration.ofNanos(System.nanoTime() - started));
        return result;
    }
}
