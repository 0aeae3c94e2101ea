package narrator.pipeline.subtitles;

import java.util.Objects;

/** When one word (or one CJK character) is heard, in samples: from {@code startSample} to {@code endSample}. */
public record WordTiming(String text, long startSample, long endSample) {
    public WordTiming {
        Objects.requireNonNull(text, "text");
        if (startSample < 0 || endSample < startSample) {
            throw new IllegalArgumentException("bad word span " + startSample + ".." + endSample + " for '" + text + "'");
        }
    }
}
