package narrator.app.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import narrator.pipeline.ProgressListener;
import narrator.pipeline.Stage;

/**
 * Shows render progress: a redrawn bar with the stage name on a terminal, one line per stage
 * otherwise (logs, CI), so output stays readable in both. Keeps how long each stage took.
 */
public final class ProgressBar implements ProgressListener {
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private Stage stage;
    private int lastPercent = -1;
    private final Map<Stage, Duration> took = new EnumMap<>(Stage.class);

    public ProgressBar(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public synchronized void progress(Stage newStage, double fraction) {
        int percent = (int) Math.floor(Math.max(0, Math.min(1, fraction)) * 100);
        if (newStage != stage) {
            if (terminal && stage != null) {
                draw(stage, 100);
                out.println();
            }
            stage = newStage;
            lastPercent = -1;
            if (!terminal) {
                out.println("==> " + newStage.label());
            }
        }
        if (terminal && percent != lastPercent) {
            draw(newStage, percent);
        }
        lastPercent = percent;
    }

    @Override
    public synchronized void stageDone(Stage done, Duration duration) {
        took.merge(done, duration, Duration::plus);
    }

    /** How long each finished stage took, in stage order. */
    public synchronized Map<Stage, Duration> timings() {
        return new EnumMap<>(took);
    }

    /** Ends the current bar line. */
    public synchronized void finish() {
        if (terminal && stage != null) {
            draw(stage, 100);
            out.println();
        }
        stage = null;
    }

    private void draw(Stage s, int percent) {
        int filled = percent * WIDTH / 100;
        out.print(String.format(Locale.ROOT, "\r%-12s [%s%s] %3d%%", s.label(), "#".repeat(filled),
                " ".repeat(WIDTH - filled), percent));
        out.flush();
    }
}
