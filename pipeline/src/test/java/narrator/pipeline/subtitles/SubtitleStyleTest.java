package narrator.pipeline.subtitles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.VideoSize;
import org.junit.jupiter.api.Test;

class SubtitleStyleTest {
    @Test
    void readsSnakeCaseFieldsAndKeepsDefaultsForTheRest() {
        SubtitleStyle style = SubtitleStyle.fromMap(Map.of("font", "DejaVu Sans", "font_size", 48,
                "primary_color", "#ffee00", "back_color", "#112233CC", "outline", 2.5,
                "alignment", "top", "margin_v", 120, "max_chars_per_line", 30, "emphasis_color", "#00ff00",
                "speaker_labels", true));

        assertEquals(new SubtitleStyle("DejaVu Sans", 48, "#FFEE00", "#FFD700", "#00FF00", "#000000", "#112233CC",
                true, 2.5, 1.0, SubtitleStyle.Alignment.TOP, 120, 60, 30, true), style);
    }

    @Test
    void readsCamelCaseAndTreatsNullAsAbsent() {
        Map<String, Object> fields = new HashMap<>();
        fields.put("fontSize", 40.0);
        fields.put("highlightColor", "#FF0000");
        fields.put("marginH", 10);
        fields.put("maxCharsPerLine", 20);
        fields.put("shadow", null);

        SubtitleStyle style = SubtitleStyle.fromMap(fields);

        assertEquals(40, style.fontSize());
        assertEquals("#FF0000", style.highlightColour());
        assertEquals(10, style.marginHorizontal());
        assertEquals(20, style.maxCharsPerLine());
        assertEquals(1.0, style.shadow());
    }

    @Test
    void aStyleWrittenAsAMapReadsBackEqual() {
        SubtitleStyle style = SubtitleStyle.fromMap(Map.of("font_size", 40, "alignment", "top", "outline", 1.5,
                "back_color", "#11223344", "margin_h", 12, "bold", false));

        assertEquals(style, SubtitleStyle.fromMap(style.toMap()));
        assertEquals(SubtitleStyle.DEFAULT, SubtitleStyle.fromMap(SubtitleStyle.DEFAULT.toMap()));
    }

    @Test
    void emptyOrMissingObjectIsTheDefault() {
        assertEquals(SubtitleStyle.DEFAULT, SubtitleStyle.fromMap(Map.of()));
        assertEquals(SubtitleStyle.DEFAULT, SubtitleStyle.fromMap(null));
    }

    @Test
    void badValuesAreRejectedNamingTheField() {
        assertInvalid(Map.of("primary_color", "red"), "subtitle_style.primary_color must be #RRGGBB or #RRGGBBAA, got 'red'");
        assertInvalid(Map.of("backColor", "#12345"), "subtitle_style.back_color");
        assertInvalid(Map.of("font_size", 3), "subtitle_style.font_size must be 0 (auto) or 6 to 512, got 3");
        assertInvalid(Map.of("font_size", 40.5), "subtitle_style.font_size must be a whole number, got 40.5");
        assertInvalid(Map.of("font_size", "40"), "subtitle_style.font_size must be a whole number");
        assertInvalid(Map.of("bold", "yes"), "subtitle_style.bold must be true or false, got 'yes'");
        assertInvalid(Map.of("outline", 50), "subtitle_style.outline must be between 0 and 20, got 50.0");
        assertInvalid(Map.of("alignment", "left"), "subtitle_style.alignment must be bottom, middle or top, got 'left'");
        assertInvalid(Map.of("margin_v", -1), "subtitle_style.margin_v");
        assertInvalid(Map.of("max_chars_per_line", 2), "subtitle_style.max_chars_per_line");
        assertInvalid(Map.of("colour", "#FFFFFF"), "subtitle_style has an unknown field 'colour'");
        assertInvalid(Map.of("font_size", 40, "fontSize", 41), "subtitle_style.font_size is given twice");
    }

    @Test
    void fontNamesThatCouldBreakTheAssStyleLineAreRejected() {
        for (String font : new String[] {"Arial,Bold", "Arial{\\b1}", "Ar}ial", "Arial\\N", "Line\nBreak", " "}) {
            assertInvalid(Map.of("font", font), "subtitle_style.font must be a font family name");
        }
    }

    @Test
    void resolveDerivesFontSizeAndLineLengthFromTheFrame() {
        SubtitleStyle portrait = SubtitleStyle.DEFAULT.resolve(new VideoSize(1080, 1920));
        // 5.5% of 1080 = 59.4; (1080 - 2 * 60) / (0.4 * 59) = 40.7 columns
        assertEquals(59, portrait.fontSize());
        assertEquals(40, portrait.maxCharsPerLine());

        SubtitleStyle landscape = SubtitleStyle.DEFAULT.resolve(new VideoSize(1920, 1080));
        assertEquals(59, landscape.fontSize());
        assertEquals(42, landscape.maxCharsPerLine(), "capped for readability");

        SubtitleStyle small = SubtitleStyle.DEFAULT.resolve(new VideoSize(320, 240));
        // 5.5% of 240 = 13.2; (320 - 120) / 5.2 = 38.5
        assertEquals(13, small.fontSize());
        assertEquals(38, small.maxCharsPerLine());
        assertEquals(small, small.resolve(new VideoSize(320, 240)));
    }

    @Test
    void resolveKeepsExplicitValues() {
        SubtitleStyle style = SubtitleStyle.fromMap(Map.of("font_size", 80, "max_chars_per_line", 16));
        assertEquals(80, style.resolve(new VideoSize(640, 360)).fontSize());
        assertEquals(16, style.resolve(new VideoSize(640, 360)).maxCharsPerLine());
    }

    @Test
    void resolveRejectsMarginsWiderThanTheFrame() {
        NarratorException e = assertThrows(NarratorException.class,
                () -> SubtitleStyle.DEFAULT.resolve(new VideoSize(100, 100)));
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
        assertTrue(e.getMessage().startsWith("subtitle_style.margin_h"), e.getMessage());
    }

    private static void assertInvalid(Map<String, ?> fields, String messageStart) {
        NarratorException e = assertThrows(NarratorException.class, () -> SubtitleStyle.fromMap(fields));
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
        assertTrue(e.getMessage().startsWith(messageStart), e.getMessage());
    }

    @Test
    void zeroBottomMarginKeepsTextClearOfPortraitOverlays() {
        assertEquals(230, SubtitleStyle.DEFAULT.resolve(new VideoSize(1080, 1920)).marginVertical());
        assertEquals(65, SubtitleStyle.DEFAULT.resolve(new VideoSize(1920, 1080)).marginVertical());
        SubtitleStyle explicit = SubtitleStyle.fromMap(Map.of("margin_v", 12));
        assertEquals(12, explicit.resolve(new VideoSize(1080, 1920)).marginVertical());
    }
}
