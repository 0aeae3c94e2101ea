package narrator.pipeline.subtitles;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.VideoSize;

/**
 * How subtitles look. Colours are {@code #RRGGBB} or {@code #RRGGBBAA} (AA = opacity, FF opaque).
 * {@code fontSize}, {@code maxCharsPerLine} and {@code marginVertical} of 0 mean "derive from the frame size".
 * Sizes and margins are in output-frame pixels. {@code emphasisColour} draws a script's {@code *emphasised*}
 * words; {@code speakerLabels} starts each dialogue turn's first caption with the speaker's name.
 *
 * <p>Every instance is valid: the constructor rejects bad values with {@link ErrorCode#INVALID_REQUEST}
 * and a message naming the API field ({@code subtitle_style.font_size}), and upper-cases colours.
 */
public record SubtitleStyle(
        String fontName,
        int fontSize,
        String primaryColour,
        String highlightColour,
        String emphasisColour,
        String outlineColour,
        String backColour,
        boolean bold,
        double outline,
        double shadow,
        Alignment alignment,
        int marginVertical,
        int marginHorizontal,
        int maxCharsPerLine,
        boolean speakerLabels) {

    // Declared before DEFAULT: static fields initialize in order, and DEFAULT's constructor uses it.
    private static final Pattern COLOUR = Pattern.compile("#[0-9A-F]{6}([0-9A-F]{2})?");

    /** A font that covers Latin, Cyrillic, Greek and CJK (Debian package fonts-noto-cjk). */
    public static final String DEFAULT_FONT = "Noto Sans CJK SC";

    public static final SubtitleStyle DEFAULT = new SubtitleStyle(DEFAULT_FONT, 0, "#FFFFFF", "#FFD700",
            "#FFA630", "#000000", "#00000080", true, 3.0, 1.0, Alignment.BOTTOM, 0, 60, 0, false);

    /** Font size as a share of the frame's shorter side: 59 px on 1080x1920, like broadcast subtitles. */
    static final double FONT_SIZE_PER_SHORT_SIDE = 0.055;
    /**
     * Width of one text column as a share of the font size. Measured with libass and Noto Sans CJK Bold:
     * Latin text averages 0.35 (spaces included), a CJK character 0.69, which we count as two columns.
     * 0.4 leaves room for wide words and the outline.
     */
    static final double COLUMN_WIDTH_PER_FONT_SIZE = 0.4;
    /** Longer lines are hard to read at a glance whatever the frame width (the usual 42-column rule). */
    static final int MAX_AUTO_CHARS_PER_LINE = 42;

    public enum Alignment { BOTTOM, MIDDLE, TOP }

    public SubtitleStyle {
        fontName = checkFont(fontName);
        check(fontSize == 0 || (fontSize >= 6 && fontSize <= 512), "font_size", "0 (auto) or 6 to 512", fontSize);
        primaryColour = checkColour(primaryColour, "primary_color");
        highlightColour = checkColour(highlightColour, "highlight_color");
        emphasisColour = checkColour(emphasisColour, "emphasis_color");
        outlineColour = checkColour(outlineColour, "outline_color");
        backColour = checkColour(backColour, "back_color");
        check(outline >= 0 && outline <= 20, "outline", "between 0 and 20", outline);
        check(shadow >= 0 && shadow <= 20, "shadow", "between 0 and 20", shadow);
        check(alignment != null, "alignment", "bottom, middle or top", alignment);
        check(marginVertical >= 0 && marginVertical <= 4096, "margin_v", "between 0 and 4096", marginVertical);
        check(marginHorizontal >= 0 && marginHorizontal <= 4096, "margin_h", "between 0 and 4096", marginHorizontal);
        check(maxCharsPerLine == 0 || (maxCharsPerLine >= 4 && maxCharsPerLine <= 200),
                "max_chars_per_line", "0 (auto) or 4 to 200", maxCharsPerLine);
    }

    /**
     * Builds a style from the API's {@code subtitle_style} object: snake_case or camelCase keys, missing
     * or null keys keep {@link #DEFAULT}'s values. A null map means the default style.
     *
     * @throws NarratorException INVALID_REQUEST for an unknown key or a bad value, naming the field
     */
    public static SubtitleStyle fromMap(Map<String, ?> fields) {
        return StyleFields.parse(fields == null ? Map.of() : fields, DEFAULT);
    }

    /** This style with {@code fields} (as {@link #fromMap} reads them) laid over it. */
    public SubtitleStyle with(Map<String, ?> fields) {
        return StyleFields.parse(fields, this);
    }

    /** Every field under its {@code subtitle_style} name: {@code fromMap(style.toMap())} equals {@code style}. */
    public Map<String, Object> toMap() {
        return StyleFields.write(this);
    }

    /**
     * Fills an automatic font size and line length from the frame: the font is 5.5% of the shorter side,
     * and a line holds as many columns as fit between the horizontal margins (at most 42). Explicit values
     * are kept. Resolving a resolved style returns an equal style.
     *
     * @throws NarratorException INVALID_REQUEST when the margins leave no room in this frame
     */
    public SubtitleStyle resolve(VideoSize size) {
        int usableWidth = size.width() - 2 * marginHorizontal;
        check(usableWidth > 0, "margin_h", "less than half the frame width (" + size.width() + ")", marginHorizontal);
        check(marginVertical < size.height(), "margin_v", "less than the frame height (" + size.height() + ")",
                marginVertical);
        int resolvedFont = fontSize != 0 ? fontSize
                : Math.max(6, (int) Math.round(FONT_SIZE_PER_SHORT_SIDE * Math.min(size.width(), size.height())));
        int resolvedChars = maxCharsPerLine != 0 ? maxCharsPerLine
                : Math.max(4, Math.min(MAX_AUTO_CHARS_PER_LINE,
                        (int) (usableWidth / (COLUMN_WIDTH_PER_FONT_SIZE * resolvedFont))));
        return new SubtitleStyle(fontName, resolvedFont, primaryColour, highlightColour, emphasisColour, outlineColour,
                backColour, bold, outline, shadow, alignment,
                marginVertical != 0 ? marginVertical : autoMarginVertical(size), marginHorizontal, resolvedChars,
                speakerLabels);
    }

    /** Keeps bottom text clear of the buttons that short-video apps overlay on portrait frames. */
    private static int autoMarginVertical(VideoSize size) {
        double share = size.height() > size.width() ? 0.12 : 0.06;
        return (int) Math.round(share * size.height());
    }

    boolean isResolved() {
        return fontSize != 0 && maxCharsPerLine != 0;
    }

    // ASS separates style fields with commas and opens override blocks with braces, so a font name holding
    // either would corrupt the style line; backslashes and control characters have no place in a name.
    private static String checkFont(String name) {
        boolean ok = name != null && !name.isBlank() && name.length() <= 100
                && name.chars().noneMatch(c -> c == ',' || c == '{' || c == '}' || c == '\\' || Character.isISOControl(c));
        check(ok, "font", "a font family name of at most 100 characters without ',', '{', '}' or '\\'", name);
        return name.strip();
    }

    private static String checkColour(String colour, String field) {
        String upper = colour == null ? "" : colour.toUpperCase(Locale.ROOT);
        check(COLOUR.matcher(upper).matches(), field, "#RRGGBB or #RRGGBBAA", colour);
        return upper;
    }

    static void check(boolean ok, String field, String expected, Object got) {
        if (!ok) {
            throw invalidField(field, expected, got);
        }
    }

    static NarratorException invalidField(String field, String expected, Object got) {
        return new NarratorException(ErrorCode.INVALID_REQUEST, "subtitle_style." + field + " must be " + expected
                + ", got " + (got instanceof String ? "'" + got + "'" : got));
    }
}
