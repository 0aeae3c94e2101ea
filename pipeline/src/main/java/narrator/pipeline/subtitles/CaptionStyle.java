package narrator.pipeline.subtitles;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;

/**
 * How captions follow the voice: {@code sentence} shows each sentence (split to fit two lines),
 * {@code karaoke} sweeps its words as they are spoken, {@code word} shows one word at a time with a short
 * pop-in, {@code highlight} shows the phrase with the word being spoken in the highlight colour, and
 * {@code chunks} shows a few words at a time, broken at phrase boundaries.
 */
public enum CaptionStyle {
    SENTENCE, KARAOKE, WORD, HIGHLIGHT, CHUNKS;

    /** The name the API and the command line use. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws NarratorException INVALID_REQUEST naming {@code caption_style} for an unknown name */
    public static CaptionStyle parse(String name) {
        return Arrays.stream(values()).filter(s -> s.apiName().equals(name)).findFirst()
                .orElseThrow(() -> new NarratorException(ErrorCode.INVALID_REQUEST, "caption_style must be one of "
                        + Arrays.stream(values()).map(CaptionStyle::apiName).collect(Collectors.joining(", "))
                        + ", got '" + name + "'", java.util.Map.of("field", "caption_style"), null));
    }

    /** Whether the cues carry their words' timings (the writers draw them). */
    boolean timesWords() {
        return this == KARAOKE || this == WORD || this == HIGHLIGHT;
    }
}
