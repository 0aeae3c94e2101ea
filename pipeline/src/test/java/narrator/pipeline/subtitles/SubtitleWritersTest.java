package narrator.pipeline.subtitles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import narrator.pipeline.Speaker;
import narrator.pipeline.VideoSize;
import org.junit.jupiter.api.Test;

/** ASS, SRT and WebVTT for the same cues, as literal documents. */
class SubtitleWritersTest {
    private static final VideoSize PORTRAIT = new VideoSize(1080, 1920);
    private static final SubtitleStyle STYLE = SubtitleStyle.DEFAULT.resolve(PORTRAIT);
    private static final String STYLES_FORMAT = "Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, "
            + "OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, "
            + "BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding";

    // 84012 samples at 24 kHz are 3.5005 s: 3.50 in ASS, 3.501 in SRT and WebVTT (half up).
    private static final List<Cue> CUES = List.of(
            new Cue(0, 36_000, 24000, List.of("Hello, world."), List.of(
                    new WordTiming("Hello,", 0, 18_000), new WordTiming("world.", 18_000, 36_000))),
            new Cue(36_000, 84_012, 24000, List.of("Second line of", "the narration."), List.of(
                    new WordTiming("Second", 36_000, 50_000), new WordTiming("line", 50_000, 60_000),
                    new WordTiming("of", 60_000, 64_000), new WordTiming("the", 64_000, 70_000),
                    new WordTiming("narration.", 70_000, 84_012))));

    private static final List<Cue> HOSTILE = List.of(new Cue(0, 24_000, 24000,
            List.of("{\\pos(1,1)}Hi \\N {\\fs200}big", "</c><script> --> x & y"), List.of()));

    @Test
    void coloursBecomeAssBgrWithInvertedAlpha() {
        assertEquals("&H00FFFFFF", AssWriter.colour("#FFFFFF"));
        assertEquals("&H0000D7FF", AssWriter.colour("#FFD700"));
        assertEquals("&H7F000000", AssWriter.colour("#00000080"));
        assertEquals("&HFF563412", AssWriter.colour("#12345600"));
        assertEquals("&H00563412", AssWriter.colour("#123456FF"));
    }

    @Test
    void assDocument() {
        assertEquals("""
                [Script Info]
                ScriptType: v4.00+
                PlayResX: 1080
                PlayResY: 1920
                WrapStyle: 2
                ScaledBorderAndShadow: yes

                [V4+ Styles]
                %s
                Style: Default,Noto Sans CJK SC,59,&H00FFFFFF,&H0000D7FF,&H00000000,&H7F000000,-1,0,0,0,100,100,0,0,1,3,1,2,60,60,230,1

                [Events]
                Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
                Dialogue: 0,0:00:00.00,0:00:01.50,Default,,0,0,0,,Hello, world.
                Dialogue: 0,0:00:01.50,0:00:03.50,Default,,0,0,0,,Second line of\\Nthe narration.
                """.formatted(STYLES_FORMAT), AssWriter.write(CUES, STYLE, PORTRAIT, CaptionStyle.SENTENCE));
    }

    @Test
    void assKaraokeSweepsSpokenWordsIntoTheHighlightColour() {
        // Word boundaries round once each (1.50, 2.08, 2.50, 2.67, 2.92, 3.50): durations add up exactly.
        assertEquals("""
                Style: Default,Noto Sans CJK SC,59,&H0000D7FF,&H00FFFFFF,&H00000000,&H7F000000,-1,0,0,0,100,100,0,0,1,3,1,2,60,60,230,1
                Dialogue: 0,0:00:00.00,0:00:01.50,Default,,0,0,0,,{\\kf75}Hello, {\\kf75}world.
                Dialogue: 0,0:00:01.50,0:00:03.50,Default,,0,0,0,,{\\kf58}Second {\\kf42}line {\\kf17}of\\N{\\kf25}the {\\kf58}narration.
                """, styleAndEvents(AssWriter.write(CUES, STYLE, PORTRAIT, CaptionStyle.KARAOKE)));
    }

    @Test
    void anOpaqueBackColourDrawsABox() {
        SubtitleStyle boxed = SubtitleStyle.fromMap(Map.of("back_color", "#202020", "outline", 8, "shadow", 0,
                "alignment", "top", "margin_v", 100, "bold", false)).resolve(PORTRAIT);

        assertEquals("""
                Style: Default,Noto Sans CJK SC,59,&H00FFFFFF,&H0000D7FF,&H00202020,&H00202020,0,0,0,0,100,100,0,0,3,8,0,8,60,60,100,1
                """, styleAndEvents(AssWriter.write(List.of(), boxed, PORTRAIT, CaptionStyle.SENTENCE)));
    }

    @Test
    void srtDocument() {
        assertEquals("""
                1
                00:00:00,000 --> 00:00:01,500
                Hello, world.

                2
                00:00:01,500 --> 00:00:03,501
                Second line of
                the narration.
                """, SrtWriter.write(CUES));
    }

    @Test
    void vttDocument() {
        assertEquals("""
                WEBVTT

                00:00:00.000 --> 00:00:01.500
                Hello, <00:00:00.750>world.

                00:00:01.500 --> 00:00:03.501
                Second <00:00:02.083>line <00:00:02.500>of
                <00:00:02.667>the <00:00:02.917>narration.
                """, VttWriter.write(CUES), "timed words get WebVTT's karaoke timestamps");
    }

    @Test
    void highlightDrawsTheWholeCueOncePerWordWithThatWordInTheHighlightColour() {
        assertEquals("""
                Dialogue: 0,0:00:00.00,0:00:00.75,Default,,0,0,0,,{\\1c&H00D7FF&}Hello,{\\1c&HFFFFFF&} world.
                Dialogue: 0,0:00:00.75,0:00:01.50,Default,,0,0,0,,Hello, {\\1c&H00D7FF&}world.{\\1c&HFFFFFF&}
                """, dialogues(AssWriter.write(CUES.subList(0, 1), STYLE, PORTRAIT, CaptionStyle.HIGHLIGHT)));
        assertEquals(7, dialogues(AssWriter.write(CUES, STYLE, PORTRAIT, CaptionStyle.HIGHLIGHT)).lines().count(),
                "one event per word, the lines kept: " + AssWriter.write(CUES, STYLE, PORTRAIT, CaptionStyle.HIGHLIGHT));
        assertEquals("Style: Default,Noto Sans CJK SC,59,&H00FFFFFF,&H0000D7FF,",
                styleAndEvents(AssWriter.write(CUES, STYLE, PORTRAIT, CaptionStyle.HIGHLIGHT)).substring(0, 57),
                "the style keeps the normal colour as primary");
    }

    @Test
    void wordCuesPopIn() {
        List<Cue> words = List.of(new Cue(0, 18_000, 24000, List.of("Hello,"), List.of(new WordTiming("Hello,", 0, 18_000))),
                new Cue(18_000, 36_000, 24000, List.of("world."), List.of(new WordTiming("world.", 18_000, 36_000))));
        assertEquals("""
                Dialogue: 0,0:00:00.00,0:00:00.75,Default,,0,0,0,,{\\fscx80\\fscy80\\t(0,120,\\fscx100\\fscy100)}Hello,
                Dialogue: 0,0:00:00.75,0:00:01.50,Default,,0,0,0,,{\\fscx80\\fscy80\\t(0,120,\\fscx100\\fscy100)}world.
                """, dialogues(AssWriter.write(words, STYLE, PORTRAIT, CaptionStyle.WORD)));
        assertEquals("""
                1
                00:00:00,000 --> 00:00:00,750
                Hello,

                2
                00:00:00,750 --> 00:00:01,500
                world.
                """, SrtWriter.write(words));
    }

    @Test
    void aSpeakersColourReplacesTheTextColourAndWebVttNamesTheVoice() {
        Cue alice = new Cue(0, 36_000, 24000, List.of("Hello, world."), CUES.get(0).words(),
                new Speaker("ALICE", "#FF8000"));
        assertEquals("Dialogue: 0,0:00:00.00,0:00:01.50,Default,,0,0,0,,{\\1c&H0080FF&}Hello, world.\n",
                dialogues(AssWriter.write(List.of(alice), STYLE, PORTRAIT, CaptionStyle.SENTENCE)));
        assertEquals("Dialogue: 0,0:00:00.00,0:00:01.50,Default,,0,0,0,,{\\2c&H0080FF&}{\\kf75}Hello, {\\kf75}world.\n",
                dialogues(AssWriter.write(List.of(alice), STYLE, PORTRAIT, CaptionStyle.KARAOKE)),
                "karaoke: the speaker's colour is that of the words still to come");
        assertEquals("""
                Dialogue: 0,0:00:00.00,0:00:00.75,Default,,0,0,0,,{\\1c&H0080FF&}{\\1c&H00D7FF&}Hello,{\\1c&H0080FF&} world.
                Dialogue: 0,0:00:00.75,0:00:01.50,Default,,0,0,0,,{\\1c&H0080FF&}Hello, {\\1c&H00D7FF&}world.{\\1c&H0080FF&}
                """, dialogues(AssWriter.write(List.of(alice), STYLE, PORTRAIT, CaptionStyle.HIGHLIGHT)));
        assertEquals("""
                WEBVTT

                00:00:00.000 --> 00:00:01.500
                <v ALICE>Hello, <00:00:00.750>world.
                """, VttWriter.write(List.of(alice)));
        assertEquals("Dialogue: 0,0:00:00.00,0:00:01.50,Default,,0,0,0,,Hello, world.\n",
                dialogues(AssWriter.write(List.of(new Cue(0, 36_000, 24000, List.of("Hello, world."), List.of(),
                        new Speaker("BOB", null))), STYLE, PORTRAIT, CaptionStyle.SENTENCE)),
                "a speaker without a colour keeps the style's");
    }

    private static String dialogues(String ass) {
        return ass.lines().filter(l -> l.startsWith("Dialogue")).map(l -> l + "\n").collect(java.util.stream.Collectors.joining());
    }

    @Test
    void hostileTextIsInertInAss() {
        // § stands for U+2060 WORD JOINER, which parts a backslash from the letter after it.
        assertEquals("""
                Dialogue: 0,0:00:00.00,0:00:01.00,Default,,0,0,0,,｛\\§pos(1,1)｝Hi \\§N ｛\\§fs200｝big\\N</c><script> --> x & y
                """.replace("§", "\u2060"), styleAndEvents(AssWriter.write(HOSTILE, STYLE, PORTRAIT, CaptionStyle.SENTENCE)).lines()
                .filter(l -> l.startsWith("Dialogue")).map(l -> l + "\n").findFirst().orElseThrow());
    }

    @Test
    void hostileWordsAreInertInAssKaraoke() {
        List<Cue> cues = List.of(new Cue(0, 24_000, 24000, List.of("{\\b1}x"),
                List.of(new WordTiming("{\\b1}x", 0, 24_000))));

        assertEquals("Dialogue: 0,0:00:00.00,0:00:01.00,Default,,0,0,0,,{\\kf100}｛\\\u2060b1｝x\n",
                AssWriter.write(cues, STYLE, PORTRAIT, CaptionStyle.KARAOKE).lines().filter(l -> l.startsWith("Dialogue"))
                        .map(l -> l + "\n").findFirst().orElseThrow());
    }

    @Test
    void hostileTextIsInertInSrt() {
        assertEquals("""
                1
                00:00:00,000 --> 00:00:01,000
                ｛\\§pos(1,1)｝Hi \\§N ｛\\§fs200｝big
                ＜/c＞＜script＞ --＞ x & y
                """.replace("§", "\u2060"), SrtWriter.write(HOSTILE));
    }

    @Test
    void hostileTextIsInertInVtt() {
        assertEquals("""
                WEBVTT

                00:00:00.000 --> 00:00:01.000
                {\\pos(1,1)}Hi \\N {\\fs200}big
                &lt;/c&gt;&lt;script&gt; --&gt; x &amp; y
                """, VttWriter.write(HOSTILE));
    }

    @Test
    void cuesTooShortToShowAfterRoundingAreLeftOut() {
        // 100 samples at 48 kHz round to 0 cs and 2 ms; the next cue starts where it ends.
        List<Cue> cues = List.of(new Cue(0, 100, 48000, List.of("blip"), List.of()),
                new Cue(100, 48_000, 48000, List.of("Real."), List.of()));

        assertEquals("Dialogue: 0,0:00:00.00,0:00:01.00,Default,,0,0,0,,Real.",
                AssWriter.write(cues, STYLE, PORTRAIT, CaptionStyle.SENTENCE).lines().filter(l -> l.startsWith("Dialogue"))
                        .reduce((a, b) -> a + "|" + b).orElseThrow());
        assertEquals("""
                1
                00:00:00,000 --> 00:00:00,002
                blip

                2
                00:00:00,002 --> 00:00:01,000
                Real.
                """, SrtWriter.write(cues));
    }

    private static String styleAndEvents(String ass) {
        StringBuilder out = new StringBuilder();
        ass.lines().filter(l -> l.startsWith("Style:") || l.startsWith("Dialogue:")).forEach(l -> out.append(l).append('\n'));
        return out.toString();
    }
}
