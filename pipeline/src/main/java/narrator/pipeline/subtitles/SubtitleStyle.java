package narrator.pipeline.subtitles;

/**
 * How subtitles look. Colours are {@code #RRGGBB} or {@code #RRGGBBAA} (AA = opacity, FF opaque).
 * {@code fontSize} and {@code maxCharsPerLine} of 0 mean "derive from the frame size".
 * Sizes and margins are in output-frame pixels.
 */
public record SubtitleStyle(
        String fontName,
        int fontSize,
        String primaryColour,
        String highlightColour,
        String outlineColour,
        String backColour,
        boolean bold,
        double outline,
        double shadow,
        Alignment alignment,
        int marginVertical,
        int marginHorizontal,
        int maxCharsPerLine) {

    /** A font that covers Latin, Cyrillic, Greek and CJK (Debian package fonts-noto-cjk). */
    public static final String DEFAULT_FONT = "Noto Sans CJK SC";

    public static final SubtitleStyle DEFAULT = new SubtitleStyle(DEFAULT_FONT, 0, "#FFFFFF", "#FFD700",
            "#000000", "#00000080", true, 3.0, 1.0, Alignment.BOTTOM, 0, 60, 0);

    public enum Alignment { BOTTOM, MIDDLE, TOP }
}
