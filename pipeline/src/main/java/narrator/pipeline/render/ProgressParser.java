package narrator.pipeline.render;

import java.util.OptionalDouble;

/**
 * Reads FFmpeg's {@code -progress} output, one {@code key=value} line at a time, into the fraction of
 * the expected output written so far. {@code out_time_ms} is microseconds too (a long-standing FFmpeg
 * misnomer); it is used only when {@code out_time_us} is absent.
 */
final class ProgressParser {
    private final double expectedMicros;
    private boolean sawMicros;
    private double last;

    ProgressParser(double expectedSeconds) {
        this.expectedMicros = expectedSeconds * 1_000_000;
    }

    /** The new fraction when {@code line} moves progress forward; empty otherwise. */
    OptionalDouble accept(String line) {
        int eq = line.indexOf('=');
        if (eq < 0) {
            return OptionalDouble.empty();
        }
        String key = line.substring(0, eq).trim();
        String value = line.substring(eq + 1).trim();
        if (key.equals("progress") && value.equals("end")) {
            return advance(1);
        }
        boolean micros = key.equals("out_time_us");
        if (!(micros || (key.equals("out_time_ms") && !sawMicros)) || expectedMicros <= 0) {
            return OptionalDouble.empty();
        }
        sawMicros |= micros;
        try {
            return advance(Math.min(1, Long.parseLong(value) / expectedMicros));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty(); // "N/A" before the first frame
        }
    }

    private OptionalDouble advance(double fraction) {
        if (fraction <= last) {
            return OptionalDouble.empty();
        }
        last = fraction;
        return OptionalDouble.of(fraction);
    }
}
