package narrator.pipeline.subtitles;

import java.util.Locale;

/**
 * Sample positions as subtitle timestamps. Each boundary is rounded once, to the nearest unit, from its
 * absolute sample position: cues that share a boundary sample share its timestamp, so rounding can never
 * make events overlap or drift, however many cues there are.
 */
final class Timecode {
    private Timecode() {
    }

    static long centiseconds(long sample, int sampleRate) {
        return roundedRatio(sample, 100, sampleRate);
    }

    static long milliseconds(long sample, int sampleRate) {
        return roundedRatio(sample, 1000, sampleRate);
    }

    /** {@code H:MM:SS.cc}, as ASS writes it. */
    static String ass(long centiseconds) {
        long s = centiseconds / 100;
        return String.format(Locale.ROOT, "%d:%02d:%02d.%02d", s / 3600, s / 60 % 60, s % 60, centiseconds % 100);
    }

    /** {@code HH:MM:SS<sep>mmm}: SRT uses a comma, WebVTT a full stop. */
    static String clock(long milliseconds, char separator) {
        long s = milliseconds / 1000;
        return String.format(Locale.ROOT, "%02d:%02d:%02d%c%03d", s / 3600, s / 60 % 60, s % 60, separator, milliseconds % 1000);
    }

    // Half up, in integers: floor((sample * unitsPerSecond + rate / 2) / rate).
    private static long roundedRatio(long sample, long unitsPerSecond, int sampleRate) {
        return (Math.multiplyExact(sample, 2 * unitsPerSecond) + sampleRate) / (2L * sampleRate);
    }
}
