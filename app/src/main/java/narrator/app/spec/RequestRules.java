package narrator.app.spec;

import java.util.Locale;
import java.util.Map;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.VideoSize;
import narrator.pipeline.render.Fit;
import narrator.pipeline.subtitles.SubtitleStyle;

/**
 * What a job request may ask for, in one place for the HTTP API and the command line: the same
 * ranges, the same messages, the same {@code INVALID_REQUEST} naming the field. The CLI's help quotes
 * these constants rather than repeating them.
 */
public final class RequestRules {
    public static final double MIN_SPEED = 0.5;
    public static final double MAX_SPEED = 2.0;
    public static final double MIN_MUSIC_VOLUME = 0.0;
    public static final double MAX_MUSIC_VOLUME = 1.0;

    private RequestRules() {
    }

    /** A speaking rate, 1.0 when absent. */
    public static double speed(Double speed) {
        if (speed == null) {
            return 1.0;
        }
        if (!(speed >= MIN_SPEED && speed <= MAX_SPEED)) {
            throw invalid("speed", "speed must be between " + MIN_SPEED + " and " + MAX_SPEED);
        }
        return speed;
    }

    /** The music's gain under the voice, null when absent (the settings' default applies). */
    public static Double musicVolume(Double volume) {
        if (volume != null && !(volume >= MIN_MUSIC_VOLUME && volume <= MAX_MUSIC_VOLUME)) {
            throw invalid("music_volume", "music_volume must be between " + MIN_MUSIC_VOLUME + " and " + MAX_MUSIC_VOLUME);
        }
        return volume;
    }

    /** {@code crop} or {@code pad}; null when absent. */
    public static Fit fit(String fit) {
        if (fit == null) {
            return null;
        }
        return switch (fit) {
            case "crop" -> Fit.CROP;
            case "pad" -> Fit.PAD;
            default -> throw invalid("fit", "fit must be 'crop' or 'pad'");
        };
    }

    /** {@code WxH}, or one of the names {@code portrait}, {@code landscape}, {@code square} (and their synonyms). */
    public static VideoSize size(String size) {
        try {
            return switch (size.strip().toLowerCase(Locale.ROOT)) {
                case "portrait", "vertical", "9:16" -> new VideoSize(1080, 1920);
                case "landscape", "horizontal", "16:9" -> new VideoSize(1920, 1080);
                case "square", "1:1" -> new VideoSize(1080, 1080);
                default -> VideoSize.parse(size);
            };
        } catch (NarratorException e) {
            // VideoSize knows no request fields: name the one, as every other refused field is named.
            throw invalid("size", e.getMessage());
        }
    }

    /**
     * Refuses a frame the subtitles cannot be laid out in (the style's margins, automatic ones included,
     * leave no room), so such a job fails at submit rather than after its speech is made. The field is
     * {@code subtitle_style} when the caller set a margin, {@code size} otherwise.
     */
    public static void checkRenderable(VideoSize size, SubtitleStyle style) {
        try {
            style.resolve(size);
        } catch (NarratorException e) {
            boolean ownMargins = style.marginHorizontal() != SubtitleStyle.DEFAULT.marginHorizontal()
                    || style.marginVertical() != SubtitleStyle.DEFAULT.marginVertical();
            throw invalid(ownMargins ? "subtitle_style" : "size", "size " + size + " leaves no room for the subtitles: "
                    + e.getMessage());
        }
    }

    public static NarratorException invalid(String field, String message) {
        return new NarratorException(ErrorCode.INVALID_REQUEST, message, Map.of("field", field), null);
    }
}
