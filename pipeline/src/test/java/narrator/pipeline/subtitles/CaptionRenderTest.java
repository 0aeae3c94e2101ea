package narrator.pipeline.subtitles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import narrator.pipeline.Narration;
import narrator.pipeline.Speaker;
import narrator.pipeline.SpokenSentence;
import narrator.pipeline.TextSpan;
import narrator.pipeline.VideoSize;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every caption style drawn by real FFmpeg + libass: one sentence of four words, each heard for one second,
 * rendered at 10 fps and looked at in the middle of each word (and at the start of the second, for the
 * pop-in). White text, red highlight, green emphasis, on black.
 */
class CaptionRenderTest {
    private static final VideoSize SIZE = new VideoSize(320, 240);
    private static final int RATE = 1000;
    private static final int FPS = 10;
    private static final Narration NARRATION = new Narration(Path.of("voice.wav"), RATE, 4 * RATE, List.of(
            new SpokenSentence("one two three four", 0, 4 * RATE, "", List.of(0L, 1000L, 2000L, 3000L), null, List.of())));
    /** The same sentence with "*three*" emphasised. */
    private static final Narration EMPHASISED = new Narration(Path.of("voice.wav"), RATE, 4 * RATE, List.of(
            new SpokenSentence("one two three four", 0, 4 * RATE, "", List.of(0L, 1000L, 2000L, 3000L), null,
                    List.of(new TextSpan(8, 13)))));

    @TempDir
    static Path dir;
    private static SubtitleStyle style;

    @BeforeAll
    static void style() {
        style = SubtitleStyle.fromMap(Map.of("alignment", "middle", "outline", 0, "shadow", 0, "font_size", 32,
                "margin_h", 0, "primary_color", "#FFFFFF", "highlight_color", "#FF0000", "emphasis_color", "#00FF00")).resolve(SIZE);
    }

    @Test
    void emphasisIsDrawnInItsColourInEveryStyle() throws Exception {
        for (CaptionStyle captions : CaptionStyle.values()) {
            Frame[] plain = render(new Captions(captions, 2));
            assertTrue(Arrays.stream(plain).allMatch(f -> f.green == 0), captions + ": no emphasis, no green");
            Frame[] frames = render(EMPHASISED, new Captions(captions, 2));
            // The first frame 'three' is on screen: with the sentence (not yet sung or highlighted), or its own caption.
            int shown = captions == CaptionStyle.WORD || captions == CaptionStyle.CHUNKS ? 2 : 0;
            assertTrue(frames[shown].green > 30, captions + ": 'three' is green (" + frames[shown].green + " px)");
        }
    }

    @Test
    void emphasisGivesWayToTheHighlightAndTheKaraokeFill() throws Exception {
        Frame[] highlight = render(EMPHASISED, new Captions(CaptionStyle.HIGHLIGHT, 3));
        assertTrue(highlight[0].green > 30 && highlight[0].red > 30, "while 'one' is spoken, 'three' waits in green");
        assertEquals(0, highlight[2].green, "while 'three' is spoken it is the highlight's red");
        assertTrue(highlight[2].red > 30);
        Frame[] karaoke = render(EMPHASISED, new Captions(CaptionStyle.KARAOKE, 3));
        assertTrue(karaoke[0].green > 30, "'three' is green before it is sung (" + karaoke[0].green + " px)");
        assertEquals(0, karaoke[3].green, "and red once sung");
        Frame[] word = render(EMPHASISED, new Captions(CaptionStyle.WORD, 3));
        assertEquals(0, word[0].green, "'one' alone is not emphasised");
        assertEquals(0, word[2].white, "'three' alone is all green");
    }

    @Test
    void sentenceShowsTheSameWholeLineThroughout() throws Exception {
        Frame[] frames = render(new Captions(CaptionStyle.SENTENCE, 3));
        assertTrue(frames[0].white > 100, "the line is drawn (" + frames[0].white + " px)");
        assertEquals(0, frames[0].red);
        assertArrayEquals(frames[0].rgb, frames[3].rgb, "nothing changes while the sentence is heard");
    }

    @Test
    void karaokeFillsTheWordsHeardSoFar() throws Exception {
        Frame[] frames = render(new Captions(CaptionStyle.KARAOKE, 3));
        for (int w = 1; w < 4; w++) {
            assertTrue(frames[w].red > frames[w - 1].red, "more of the line is highlighted at word " + (w + 1) + ": "
                    + frames[w - 1].red + " -> " + frames[w].red + " px");
        }
        assertTrue(frames[0].redCentreX() < SIZE.width() / 2.0, "the first word, on the left, fills first");
    }

    @Test
    void highlightColoursOnlyTheWordBeingSpoken() throws Exception {
        Frame[] frames = render(new Captions(CaptionStyle.HIGHLIGHT, 3));
        for (int w = 0; w < 4; w++) {
            assertTrue(frames[w].red > 30, "word " + (w + 1) + " is highlighted (" + frames[w].red + " px)");
            assertTrue(frames[w].white > 100, "the other words stay white at word " + (w + 1));
            assertTrue(frames[w].inkWidth() > SIZE.width() / 2, "the whole phrase is shown at word " + (w + 1));
        }
        for (int w = 1; w < 4; w++) {
            assertTrue(frames[w].redCentreX() > frames[w - 1].rightmostRed(), "the highlight moves right of word " + w
                    + ": " + frames[w - 1].rightmostRed() + " -> " + frames[w].redCentreX());
        }
    }

    @Test
    void wordShowsOneWordAtATimeAndPopsIn() throws Exception {
        Frame[] frames = render(new Captions(CaptionStyle.WORD, 3));
        Frame sentence = render(new Captions(CaptionStyle.SENTENCE, 3))[0];
        for (int w = 0; w < 4; w++) {
            assertTrue(frames[w].white > 30, "word " + (w + 1) + " is drawn");
            assertTrue(frames[w].inkWidth() < sentence.inkWidth() / 2, "only one word at a time: " + frames[w].inkWidth()
                    + " px wide vs the sentence's " + sentence.inkWidth());
        }
        assertFalse(Arrays.equals(frames[0].rgb, frames[1].rgb), "the word changes");
        Frame popping = frames[4];
        assertTrue(popping.inkWidth() < frames[1].inkWidth(), "at its first frame the word is smaller ("
                + popping.inkWidth() + " px) than once it has popped in (" + frames[1].inkWidth() + " px)");
    }

    @Test
    void chunksShowAtMostMaxWordsAtATime() throws Exception {
        Frame[] frames = render(new Captions(CaptionStyle.CHUNKS, 2));
        Frame sentence = render(new Captions(CaptionStyle.SENTENCE, 3))[0];
        assertArrayEquals(frames[0].rgb, frames[1].rgb, "words one and two share a caption");
        assertArrayEquals(frames[2].rgb, frames[3].rgb, "words three and four share the next");
        assertFalse(Arrays.equals(frames[1].rgb, frames[2].rgb), "the caption changes between them");
        assertTrue(frames[0].inkWidth() < sentence.inkWidth(), "a chunk is shorter than the sentence");
    }

    @Test
    void eachSpeakerIsDrawnInItsColour() throws Exception {
        Narration dialogue = new Narration(Path.of("voice.wav"), RATE, 4 * RATE, List.of(
                new SpokenSentence("one two", 0, 2 * RATE, "", List.of(), new Speaker("ALICE", "#00FF00"), List.of()),
                new SpokenSentence("three four", 2 * RATE, 4 * RATE, "", List.of(), new Speaker("BOB", "#0000FF"), List.of())));
        for (CaptionStyle captions : List.of(CaptionStyle.SENTENCE, CaptionStyle.HIGHLIGHT)) {
            Frame[] frames = render(dialogue, new Captions(captions, 3));
            assertTrue(frames[1].green > 100 && frames[1].blue == 0, captions + ": Alice speaks in green ("
                    + frames[1].green + " green, " + frames[1].blue + " blue px)");
            assertTrue(frames[2].blue > 100 && frames[2].green == 0, captions + ": Bob in blue ("
                    + frames[2].green + " green, " + frames[2].blue + " blue px)");
        }
    }

    @Test
    void aSpeakerLabelStartsEachTurnInTheSpeakersColour() throws Exception {
        Narration dialogue = new Narration(Path.of("voice.wav"), RATE, 4 * RATE, List.of(
                new SpokenSentence("one two", 0, 2 * RATE, "", List.of(0L, 1000L), new Speaker("ALICE", "#00FF00"), List.of()),
                new SpokenSentence("three four", 2 * RATE, 4 * RATE, "", List.of(2000L, 3000L), new Speaker("ALICE", "#00FF00"), List.of())));
        Map<String, Object> fields = new HashMap<>(style.toMap());
        fields.put("speaker_labels", true);
        SubtitleStyle labels = SubtitleStyle.fromMap(fields);
        for (CaptionStyle captions : List.of(CaptionStyle.SENTENCE, CaptionStyle.KARAOKE)) {
            Frame[] labelled = render(labels, dialogue, new Captions(captions, 3));
            Frame[] plain = render(style, dialogue, new Captions(captions, 3));
            assertTrue(labelled[0].inkWidth() > plain[0].inkWidth() + 30, captions + ": 'ALICE:' widens the first cue ("
                    + plain[0].inkWidth() + " -> " + labelled[0].inkWidth() + " px)");
            assertTrue(labelled[0].green > plain[0].green + 30, captions + ": the label is in Alice's green");
            // Red is the half of "one" swept so far either way (glyph placement moves it a little), never the label.
            assertTrue(labelled[0].red < plain[0].red * 1.3 + 10, captions + ": the label is never the karaoke fill ("
                    + plain[0].red + " -> " + labelled[0].red + " red px)");
            assertTrue(Math.abs(labelled[2].inkWidth() - plain[2].inkWidth()) <= 2,
                    captions + ": Alice's next sentence is the same turn, so unlabelled");
        }
    }

    private static Frame[] render(Captions captions) throws IOException, InterruptedException {
        return render(NARRATION, captions);
    }

    private static Frame[] render(Narration narration, Captions captions) throws IOException, InterruptedException {
        return render(style, narration, captions);
    }

    /** Frames in the middle of each second, then the first frame of the second second. */
    private static Frame[] render(SubtitleStyle style, Narration narration, Captions captions)
            throws IOException, InterruptedException {
        String ass = AssWriter.write(SubtitleTimeline.build(narration, style, captions), style, SIZE, captions.style());
        Path work = Files.createTempDirectory(dir, captions.style().apiName());
        Files.writeString(work.resolve("subs.ass"), ass, StandardCharsets.UTF_8);
        // Relative names, run inside the temp dir, keep the path out of the filter-graph syntax.
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi",
                "-i", "color=black:s=" + SIZE + ":d=4:r=" + FPS, "-vf", "ass=subs.ass",
                "-f", "rawvideo", "-pix_fmt", "rgb24", "frames.rgb")
                .directory(work.toFile()).redirectErrorStream(true).start();
        String log = new String(ffmpeg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, ffmpeg.waitFor(), log);
        byte[] all = Files.readAllBytes(work.resolve("frames.rgb"));
        int frameBytes = SIZE.width() * SIZE.height() * 3;
        assertEquals(4 * FPS * frameBytes, all.length);
        int[] at = {FPS / 2, FPS + FPS / 2, 2 * FPS + FPS / 2, 3 * FPS + FPS / 2, FPS};
        Frame[] frames = new Frame[at.length];
        for (int i = 0; i < at.length; i++) {
            frames[i] = new Frame(Arrays.copyOfRange(all, at[i] * frameBytes, (at[i] + 1) * frameBytes));
        }
        return frames;
    }

    /** One rgb24 frame and what is drawn on it: white and red pixel counts, where red and ink lie across. */
    private static final class Frame {
        final byte[] rgb;
        int white;
        int red;
        int green;
        int blue;
        long redX;
        int redRight = -1;
        int inkLeft = Integer.MAX_VALUE;
        int inkRight = -1;

        Frame(byte[] rgb) {
            this.rgb = rgb;
            for (int p = 0; p < rgb.length / 3; p++) {
                int r = rgb[3 * p] & 0xFF;
                int g = rgb[3 * p + 1] & 0xFF;
                int b = rgb[3 * p + 2] & 0xFF;
                int x = p % SIZE.width();
                if (Math.max(r, Math.max(g, b)) > 100) {
                    inkLeft = Math.min(inkLeft, x);
                    inkRight = Math.max(inkRight, x);
                }
                if (r > 150 && g < 100 && b < 100) {
                    red++;
                    redX += x;
                    redRight = Math.max(redRight, x);
                } else if (r > 200 && g > 200 && b > 200) {
                    white++;
                } else if (g > 150 && r < 100 && b < 100) {
                    green++;
                } else if (b > 150 && r < 100 && g < 100) {
                    blue++;
                }
            }
        }

        double redCentreX() {
            return red == 0 ? -1 : redX / (double) red;
        }

        int rightmostRed() {
            return redRight;
        }

        int inkWidth() {
            return inkRight < 0 ? 0 : inkRight - inkLeft + 1;
        }
    }
}
