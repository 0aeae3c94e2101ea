package narrator.pipeline.subtitles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.VideoSize;
import org.junit.jupiter.api.Test;

/** Captions a caller supplies: laid out for the frame, written with their own styles, read from SRT and WebVTT. */
class CaptionsTest {
    private static final VideoSize FRAME = new VideoSize(640, 360);
    private static final SubtitleStyle BASE = SubtitleStyle.DEFAULT;

    @Test
    void eachDistinctStyleBecomesOneAssStyleMappedFieldByField() {
        SubtitleStyle yellow = BASE.with(Map.of("fontSize", 40, "primary_color", "#FFFF00", "font", "DejaVu Sans"));
        List<Caption> captions = List.of(new Caption("Hello {world}", 500, 2000, yellow),
                new Caption("Second", 1500, 3250, BASE), new Caption("Third", 3250, 4000, yellow));

        String ass = AssWriter.writeStyled(CaptionLayout.layout(captions, FRAME), FRAME);

        assertEquals("""
                [Script Info]
                ScriptType: v4.00+
                PlayResX: 640
                PlayResY: 360
                WrapStyle: 2
                ScaledBorderAndShadow: yes

                [V4+ Styles]
                Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, \
                Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, \
                Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
                Style: S1,DejaVu Sans,40,&H0000FFFF,&H0000D7FF,&H00000000,&H7F000000,-1,0,0,0,100,100,0,0,1,3,1,2,60,60,22,1
                Style: S2,Noto Sans CJK SC,20,&H00FFFFFF,&H0000D7FF,&H00000000,&H7F000000,-1,0,0,0,100,100,0,0,1,3,1,2,60,60,22,1

                [Events]
                Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
                Dialogue: 0,0:00:00.50,0:00:02.00,S1,,0,0,0,,Hello ｛world｝
                Dialogue: 0,0:00:01.50,0:00:03.25,S2,,0,0,0,,Second
                Dialogue: 0,0:00:03.25,0:00:04.00,S1,,0,0,0,,Third
                """, ass, "overlapping captions stay overlapping; braces cannot open an override block");
    }

    @Test
    void aCaptionTooLongForTwoLinesBecomesCuesThatTileItsSpan() {
        String text = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
                + "sixteen seventeen eighteen nineteen twenty";
        SubtitleStyle narrow = BASE.with(Map.of("max_chars_per_line", 20));

        List<AssWriter.StyledCue> cues = CaptionLayout.layout(List.of(new Caption(text, 1000, 9000, narrow)), FRAME);

        assertTrue(cues.size() > 1, cues.toString());
        assertEquals(1000, cues.get(0).cue().startSample());
        assertEquals(9000, cues.get(cues.size() - 1).cue().endSample());
        for (int i = 1; i < cues.size(); i++) {
            assertEquals(cues.get(i - 1).cue().endSample(), cues.get(i).cue().startSample(), "no gap, no overlap");
        }
        for (AssWriter.StyledCue cue : cues) {
            assertTrue(cue.cue().lines().size() <= 2 && cue.cue().lines().stream().allMatch(l -> l.length() <= 20),
                    cue.toString());
        }
        assertEquals(text, String.join(" ", cues.stream().flatMap(c -> c.cue().lines().stream()).toList()));
    }

    @Test
    void cjkTextWrapsBetweenCharacters() {
        SubtitleStyle narrow = BASE.with(Map.of("max_chars_per_line", 16)); // 8 wide characters

        List<AssWriter.StyledCue> cues = CaptionLayout.layout(List.of(new Caption("字幕は動画の上に焼き付けられます", 0, 2000,
                narrow)), FRAME);

        assertEquals(List.of("字幕は動画の上に", "焼き付けられます"), cues.get(0).cue().lines());
    }

    @Test
    void srtIsReadWithMarkupDroppedAndLinesJoined() {
        String srt = "\uFEFF1\r\n00:00:01,000 --> 00:00:02,500\r\n<i>Hello</i> {\\an8}there\r\nfriend\r\n\r\n"
                + "2\r\n00:00:02,000 --> 00:01:03,040\r\nSecond\r\n";

        List<Caption> captions = SubtitleFileReader.read(srt, BASE);

        assertEquals(List.of(new Caption("Hello there friend", 1000, 2500, BASE), new Caption("Second", 2000, 63040, BASE)),
                captions);
    }

    @Test
    void webVttIsReadSkippingItsHeaderNotesIdentifiersAndSettings() {
        String vtt = """
                WEBVTT - a title

                NOTE written by hand

                intro
                00:01.000 --> 00:02.000 align:start position:10%
                <c.yellow>First</c>

                01:00:00.5 --> 01:00:01.25
                Late
                """;

        assertEquals(List.of(new Caption("First", 1000, 2000, BASE), new Caption("Late", 3_600_500, 3_601_250, BASE)),
                SubtitleFileReader.read(vtt, BASE));
    }

    @Test
    void aBlockWithoutTimingOrRunningBackwardsIsRefusedByNumber() {
        NarratorException noTiming = assertThrows(NarratorException.class,
                () -> SubtitleFileReader.read("1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\njust text\n", BASE));
        assertEquals(ErrorCode.INVALID_REQUEST, noTiming.code());
        assertEquals("subtitle block 2 has no 'start --> end' timing line", noTiming.getMessage());
        NarratorException backwards = assertThrows(NarratorException.class,
                () -> SubtitleFileReader.read("1\n00:00:03,000 --> 00:00:02,000\nback\n", BASE));
        assertEquals("subtitle block 1 ends (00:00:02,000) before it starts (00:00:03,000)", backwards.getMessage());
    }
}
