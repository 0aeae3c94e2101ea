package narrator.pipeline.subtitles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import narrator.pipeline.VideoSize;
import narrator.pipeline.render.FfmpegRunner;

/**
 * A segment's own subtitle document ({@link AssWriter.Window}): the events inside the window, timed from its
 * start, and a cue cut by the window drawn as the whole document draws it at that moment (proven with libass).
 */
class AssWindowTest {
    private static final int RATE = 1000; // one sample per millisecond keeps the fixtures readable
    private static final VideoSize SIZE = new VideoSize(360, 640);
    private static final SubtitleStyle STYLE = SubtitleStyle.fromMap(Map.of("alignment", "middle")).resolve(SIZE);
    // "one two three" from 0.5 s to 2.5 s; "four five" from 2.5 s to 3.4 s.
    private static final List<Cue> WORDS = List.of(
            new Cue(500, 2500, RATE, List.of("one two three"), List.of(new WordTiming("one", 500, 1000),
                    new WordTiming("two", 1000, 1800), new WordTiming("three", 1800, 2500))),
            new Cue(2500, 3400, RATE, List.of("four five"), List.of(new WordTiming("four", 2500, 3000),
                    new WordTiming("five", 3000, 3400))));
    private static final List<Cue> SINGLE_WORDS = List.of(
            new Cue(500, 1000, RATE, List.of("one"), List.of(new WordTiming("one", 500, 1000))),
            new Cue(1000, 1800, RATE, List.of("two"), List.of(new WordTiming("two", 1000, 1800))),
            new Cue(1800, 2500, RATE, List.of("three"), List.of(new WordTiming("three", 1800, 2500))));

    private static List<String> events(List<Cue> cues, CaptionStyle captions, AssWriter.Window window) {
        String ass = AssWriter.write(cues, STYLE, SIZE, captions, window);
        return ass.lines().filter(l -> l.startsWith("Dialogue:")).map(l -> l.substring(l.indexOf(",,0,0,0,,") + 9)
                .transform(text -> l.split(",")[1] + "-" + l.split(",")[2] + " " + text)).toList();
    }

    @Test
    void sentenceAndChunkCuesAreClippedToTheWindowAndTimedFromItsStart() {
        List<Cue> plain = WORDS.stream().map(c -> new Cue(c.startSample(), c.endSample(), RATE, c.lines(), List.of()))
                .toList();
        for (CaptionStyle captions : List.of(CaptionStyle.SENTENCE, CaptionStyle.CHUNKS)) {
            assertEquals(List.of("0:00:00.00-0:00:01.30 one two three", "0:00:01.30-0:00:02.00 four five"),
                    events(plain, captions, new AssWriter.Window(120, 320)), captions.toString());
            assertEquals(List.of("0:00:00.00-0:00:00.20 four five"), events(plain, captions,
                    new AssWriter.Window(320, 500)), captions.toString());
        }
    }

    @Test
    void aKaraokeCueCutAfterItStartedCarriesItsFillOnThroughANegativeFirstSyllable() {
        assertEquals(List.of("0:00:00.00-0:00:01.30 {\\kf-70}{\\kf50}one {\\kf80}two {\\kf70}three",
                        "0:00:01.30-0:00:02.20 {\\kf50}four {\\kf40}five"),
                events(WORDS, CaptionStyle.KARAOKE, new AssWriter.Window(120, 1000)));
    }

    @Test
    void aWordCutDuringItsPopInGrowsOnFromWhereItWas() {
        assertEquals(List.of("0:00:00.00-0:00:00.70 {\\fscx80\\fscy80\\t(-100,20,\\fscx100\\fscy100)}two",
                        "0:00:00.70-0:00:01.40 {\\fscx80\\fscy80\\t(0,120,\\fscx100\\fscy100)}three"),
                events(SINGLE_WORDS, CaptionStyle.WORD, new AssWriter.Window(110, 1000)));
        assertEquals(List.of("0:00:00.00-0:00:00.60 two",
                        "0:00:00.60-0:00:01.30 {\\fscx80\\fscy80\\t(0,120,\\fscx100\\fscy100)}three"),
                events(SINGLE_WORDS, CaptionStyle.WORD, new AssWriter.Window(120, 1000)), "pop-in already over");
    }

    @Test
    void highlightEventsAreCutLikeAnyOther() {
        List<String> events = events(WORDS, CaptionStyle.HIGHLIGHT, new AssWriter.Window(120, 260));
        assertEquals(3, events.size(), events.toString());
        assertTrue(events.get(0).startsWith("0:00:00.00-0:00:00.60 ") && events.get(0).contains("two"), events.get(0));
        assertTrue(events.get(2).startsWith("0:00:01.30-0:00:01.40 "), events.get(2));
    }

    /** Every style, cut mid-word: the window's frames are pixel for pixel the whole document's over that range. */
    @ParameterizedTest
    @EnumSource(CaptionStyle.class)
    void libassDrawsTheWindowExactlyAsTheWholeDocumentOverItsRange(CaptionStyle captions, @TempDir Path dir)
            throws IOException {
        List<Cue> cues = captions == CaptionStyle.WORD ? SINGLE_WORDS : captions.timesWords() ? WORDS
                : WORDS.stream().map(c -> new Cue(c.startSample(), c.endSample(), RATE, c.lines(), List.of())).toList();
        // 30 fps: frame 36 is 1.20 s, 0.2 s into the first cue's second word; frame 33 is 1.10 s, 0.1 s into
        // the pop-in of SINGLE_WORDS' "two". Both are whole centiseconds, as the planner's cuts are.
        int cutFrame = captions == CaptionStyle.WORD ? 33 : 36;
        List<String> whole = frames(dir, "whole", AssWriter.write(cues, STYLE, SIZE, captions), 105);
        List<String> window = frames(dir, "window", AssWriter.write(cues, STYLE, SIZE, captions,
                new AssWriter.Window(cutFrame * 100L / 30, 400)), 105 - cutFrame);
        assertEquals(whole.subList(cutFrame, 105), window, captions + ": frames from frame " + cutFrame);
        assertTrue(whole.stream().distinct().count() > 2, "the captions change over the range");
    }

    /** The md5 of each of {@code count} frames of a black 30 fps picture with {@code ass} burned in. */
    private static List<String> frames(Path dir, String name, String ass, int count) throws IOException {
        Path file = dir.resolve(name + ".ass");
        Files.writeString(file, ass, StandardCharsets.UTF_8);
        String out = new FfmpegRunner().run(List.of("ffmpeg", "-v", "error", "-nostdin", "-f", "lavfi", "-i",
                "color=c=black:s=" + SIZE + ":r=30", "-vf", "ass=" + file, "-frames:v", Integer.toString(count),
                "-f", "framemd5", "-"), Duration.ofMinutes(1)).stdout();
        return out.lines().filter(l -> !l.startsWith("#")).map(l -> l.substring(l.lastIndexOf(',') + 1).trim())
                .toList();
    }
}
