package narrator.bench.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import narrator.pipeline.Narration;
import narrator.pipeline.SpokenSentence;
import narrator.pipeline.VideoSize;
import narrator.pipeline.script.ScriptSplitter;
import narrator.pipeline.script.SplitRules;
import narrator.tts.espeak.EspeakVoice;

class RenderBenchmarkTest {
    private static final String NUMBER = "[0-9]+(\\.[0-9]+)?";

    @TempDir
    Path dir;

    @Test
    void aTinyRunPrintsEveryFigure() {
        RenderBenchmark.Settings tiny = new RenderBenchmark.Settings(
                "The harbour wakes up early. Boats slip out past the lighthouse.", new VideoSize(180, 320),
                "ultrafast", new VideoSize(320, 180), 1, 1.5);

        RenderBenchmark.Report report = RenderBenchmark.measure(EspeakVoice.load("en-us"), tiny, dir);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RenderBenchmark.print(report, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);

        assertEquals(2, report.sentences());
        for (String figure : List.of("TTS time: +" + NUMBER + " s", "render wall time: +" + NUMBER + " s",
                "encode fps: +" + NUMBER, "FFmpeg peak RSS: +" + NUMBER + " MB", "JVM peak RSS: +" + NUMBER + " MB",
                "baseline wall time: +" + NUMBER + " s", "baseline peak RSS: +" + NUMBER + " MB",
                "speed-up: +" + NUMBER + "x")) {
            assertTrue(Pattern.compile("(?m)^" + figure).matcher(printed).find(), figure + " in:\n" + printed);
        }
        assertTrue(Files.isRegularFile(report.render().output()));
        assertTrue(Files.isRegularFile(report.baseline().output()));
    }

    @Test
    void theFixedScriptIsFifteenSentences() {
        assertEquals(15, new ScriptSplitter(SplitRules.DEFAULT).split(RenderBenchmark.SCRIPT).size());
    }

    @Test
    void sentencePiecesJoinBackIntoTheVoiceTrack() throws Exception {
        byte[] pcm = new byte[2 * 10];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (byte) i;
        }
        Path voice = dir.resolve("voice.wav");
        Files.write(voice, concat(SentenceWavs.header(16000, 10), pcm));
        Narration narration = new Narration(voice, 16000, 10,
                List.of(new SpokenSentence("a", 0, 3, ""), new SpokenSentence("b", 4, 9, "")));

        List<Path> pieces = SentenceWavs.write(narration, Files.createDirectories(dir.resolve("pieces")));

        assertEquals(2, pieces.size());
        byte[] first = Files.readAllBytes(pieces.get(0));
        byte[] second = Files.readAllBytes(pieces.get(1));
        assertEquals(44 + 8, first.length, "samples 0-3 and the pause up to the next sentence");
        assertEquals(44 + 12, second.length, "samples 4-9 to the end of the track");
        byte[] joined = concat(Arrays.copyOfRange(first, 44, first.length), Arrays.copyOfRange(second, 44, second.length));
        assertArrayEquals(pcm, joined);
    }

    @Test
    void peakRssIsReadFromProcStatus() throws Exception {
        Path status = Files.writeString(dir.resolve("status"), "Name:\tjava\nVmHWM:\t  95012 kB\nVmRSS:\t 90000 kB\n");

        assertEquals(95012, RenderBenchmark.peakRssKb(status).getAsLong());
        assertTrue(RenderBenchmark.peakRssKb(dir.resolve("missing")).isEmpty());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
