package narrator.pipeline.subtitles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import narrator.pipeline.VideoSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** Real FFmpeg + libass: escaped script text is drawn, not obeyed. */
class AssRenderTest {
    private static final VideoSize SIZE = new VideoSize(320, 240);

    @Test
    void anOverrideTagInTheScriptIsDrawnLiterally(@TempDir Path dir) throws Exception {
        // White text without outline or shadow, so any red pixel could only come from the \c override.
        SubtitleStyle style = SubtitleStyle.fromMap(Map.of("alignment", "middle", "outline", 0, "shadow", 0,
                "font_size", 24, "margin_h", 0)).resolve(SIZE);
        String hostile = "{\\c&H0000FF&}RED";
        String ass = AssWriter.write(List.of(new Cue(0, 48_000, 48_000, List.of(hostile), List.of())), style, SIZE, CaptionStyle.SENTENCE);

        int[] escaped = redAndWhitePixels(dir, ass);
        assertEquals(0, escaped[0], "red pixels: the override applied");
        assertTrue(escaped[1] > 50, "white pixels: the text was not drawn (" + escaped[1] + ")");

        // Control: the same line unescaped does turn red, so the check above can see red.
        int[] raw = redAndWhitePixels(dir, ass.replace(AssText.escape(hostile), hostile));
        assertTrue(raw[0] > 50, "the unescaped control should be red (" + raw[0] + ")");
    }

    @ParameterizedTest(name = "{0} vs {1}")
    @CsvSource({"一一一, 龍龍龍", "ііі, ЖЖЖ", "ιιι, ΨΨΨ"})
    void theDefaultFontDrawsCjkCyrillicAndGreekGlyphsNotBoxes(String thin, String dense, @TempDir Path dir)
            throws Exception {
        // A missing glyph is drawn as the same box for every character, so a one-stroke and a many-stroke
        // character of the same script only differ in ink when real glyphs are drawn.
        SubtitleStyle style = SubtitleStyle.fromMap(Map.of("alignment", "middle", "outline", 0, "shadow", 0,
                "font_size", 40, "margin_h", 0)).resolve(SIZE);
        int thinInk = redAndWhitePixels(dir, AssWriter.write(List.of(new Cue(0, 48_000, 48_000, List.of(thin),
                List.of())), style, SIZE, CaptionStyle.SENTENCE))[1];
        int denseInk = redAndWhitePixels(dir, AssWriter.write(List.of(new Cue(0, 48_000, 48_000, List.of(dense),
                List.of())), style, SIZE, CaptionStyle.SENTENCE))[1];
        assertTrue(thinInk > 20, "the thin glyphs were drawn (" + thinInk + " px)");
        assertTrue(denseInk > 1.5 * thinInk, thin + " drew " + thinInk + " px, " + dense + " " + denseInk
                + " px: boxes instead of glyphs?");
    }

    /** Renders the first frame of one second of black with the script burned in; counts red and white pixels. */
    private static int[] redAndWhitePixels(Path dir, String ass) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("subs.ass"), ass, StandardCharsets.UTF_8);
        Files.deleteIfExists(dir.resolve("frame.rgb"));
        // Relative names, run inside the temp dir, keep the path out of the filter-graph syntax.
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi",
                "-i", "color=black:s=" + SIZE + ":d=1", "-vf", "ass=subs.ass", "-frames:v", "1",
                "-f", "rawvideo", "-pix_fmt", "rgb24", "frame.rgb")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String log = new String(ffmpeg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, ffmpeg.waitFor(), log);
        byte[] rgb = Files.readAllBytes(dir.resolve("frame.rgb"));
        assertEquals(SIZE.width() * SIZE.height() * 3, rgb.length);
        int red = 0;
        int white = 0;
        for (int i = 0; i < rgb.length; i += 3) {
            int r = rgb[i] & 0xFF;
            int g = rgb[i + 1] & 0xFF;
            int b = rgb[i + 2] & 0xFF;
            if (r > 150 && g < 100 && b < 100) {
                red++;
            } else if (r > 200 && g > 200 && b > 200) {
                white++;
            }
        }
        return new int[] {red, white};
    }
}
