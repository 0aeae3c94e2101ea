package narrator.pipeline.subtitles;

import java.util.Map;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;

/** A request's caption choice: the style, and for {@code chunks} the most words one caption shows. */
public record Captions(CaptionStyle style, int maxWords) {
    public static final int DEFAULT_MAX_WORDS = 3;
    public static final int MAX_MAX_WORDS = 20;

    public static final Captions SENTENCE = new Captions(CaptionStyle.SENTENCE, DEFAULT_MAX_WORDS);

    public Captions {
        if (style == null) {
            throw new IllegalArgumentException("style");
        }
        if (maxWords < 1 || maxWords > MAX_MAX_WORDS) {
            throw new NarratorException(ErrorCode.INVALID_REQUEST, "max_words must be between 1 and " + MAX_MAX_WORDS
                    + ", got " + maxWords, Map.of("field", "max_words"), null);
        }
    }

    /**
     * From the request's fields, each nullable: {@code caption_style} wins; without it the older
     * {@code karaoke: true} means the karaoke style.
     */
    public static Captions of(String captionStyle, Integer maxWords, boolean karaoke) {
        CaptionStyle style = captionStyle != null ? CaptionStyle.parse(captionStyle)
                : karaoke ? CaptionStyle.KARAOKE : CaptionStyle.SENTENCE;
        return new Captions(style, maxWords == null ? DEFAULT_MAX_WORDS : maxWords);
    }
}
