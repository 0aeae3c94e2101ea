package narrator.pipeline.render;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;

/**
 * A process that ran and exited non-zero, as data: which program, its exit code and the last lines it
 * wrote to stderr. It is a {@link ErrorCode#RENDER_FAILED} unless a caller knows better and maps it
 * (a probe turns it into {@code INVALID_MEDIA}, the renderer into a libx264 retry), reading these
 * fields rather than the message.
 */
public final class ProcessFailure extends NarratorException {
    private static final long serialVersionUID = 1L;
    /** How many stderr lines the message quotes; all of them stay in {@link #stderrLines()}. */
    static final int MESSAGE_LINES = 8;

    private final String program;
    private final int exitCode;
    private final List<String> stderrLines;

    public ProcessFailure(String program, int exitCode, List<String> stderrLines) {
        super(ErrorCode.RENDER_FAILED, program + " failed (exit code " + exitCode + "): " + quote(stderrLines),
                Map.of("exitCode", exitCode, "stderr", String.join("\n", stderrLines)), null);
        this.program = program;
        this.exitCode = exitCode;
        this.stderrLines = List.copyOf(stderrLines);
    }

    public String program() {
        return program;
    }

    public int exitCode() {
        return exitCode;
    }

    public List<String> stderrLines() {
        return stderrLines;
    }

    /** The last thing the process said, or "no error output". */
    public String lastStderrLine() {
        return stderrLines.isEmpty() ? "no error output" : stderrLines.get(stderrLines.size() - 1);
    }

    /** Whether any stderr line contains one of {@code words}, ignoring case. */
    public boolean stderrMentions(String... words) {
        for (String line : stderrLines) {
            String lower = line.toLowerCase(Locale.ROOT);
            for (String word : words) {
                if (lower.contains(word)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String quote(List<String> stderr) {
        List<String> quoted = stderr.subList(Math.max(0, stderr.size() - MESSAGE_LINES), stderr.size());
        return quoted.isEmpty() ? "no error output" : String.join("\n", quoted);
    }
}
