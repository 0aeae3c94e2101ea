package narrator.pipeline.subtitles;

import java.util.Objects;

/**
 * One caption a caller supplied for their own video: its text, shown from {@code startMillis} to
 * {@code endMillis} of the video, in {@code style} (not yet resolved for a frame). Captions may overlap;
 * libass stacks overlapping ones.
 */
public record Caption(String text, long startMillis, long endMillis, SubtitleStyle style) {
    public Caption {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(style, "style");
        if (text.isBlank() || startMillis < 0 || endMillis <= startMillis) {
            throw new IllegalArgumentException("a caption has text and 0 <= start < end, got " + startMillis + ".."
                    + endMillis + " '" + text + "'");
        }
    }
}
