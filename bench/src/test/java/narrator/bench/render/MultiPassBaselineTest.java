package narrator.bench.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import narrator.pipeline.render.FfmpegRunner;
import narrator.pipeline.render.MediaProbe;
import narrator.pipeline.render.Inspect;
import narrator.pipeline.VideoSize;
import narrator.pipeline.testing.TestMedia;

class MultiPassBaselineTest {
    @TempDir
    Path dir;

    @Test
    void concatListQuotesEveryPath() {
        assertEquals("file '/w/s1.wav'\nfile '/w/it'\\''s.wav'\n",
                MultiPassBaseline.concatList(List.of(Path.of("/w/s1.wav"), Path.of("/w/it's.wav"))));
    }

    @Test
    void mixesMusicAtAFifthWithAFadeOut() {
        List<String> argv = MultiPassBaseline.mixArgv(Path.of("/w/v.wav"), Path.of("/w/m.mp3"), 10, Path.of("/w/mix.wav"));

        assertEquals("[1:a]volume=0.2,afade=t=out:st=8:d=2[m];[0:a][m]amix=inputs=2:duration=first[a]",
                argv.get(argv.indexOf("-filter_complex") + 1));
    }

    @Test
    void threeStepsGiveAVideoOfTheVoicesLength() throws IOException {
        Path sentences = Files.createDirectories(dir.resolve("sentences"));
        List<Path> wavs = List.of(TestMedia.voiceWav(sentences, 1.0), TestMedia.voiceWav(sentences, 1.5));
        Path ass = Files.writeString(dir.resolve("subs.ass"), """
                [Script Info]
                ScriptType: v4.00+
                PlayResX: 320
                PlayResY: 568

                [Events]
                Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
                Dialogue: 0,0:00:00.00,0:00:02.00,Default,,0,0,0,,Hello
                """);

        MultiPassBaseline.Result result = new MultiPassBaseline(new FfmpegRunner(), "ultrafast", 23)
                .run(wavs, TestMedia.music(dir, 1), new MediaProbe(new FfmpegRunner()).probeBase(TestMedia.video(dir, 1, 320, 240, true)), ass,
                        new VideoSize(320, 568), dir);

        Inspect.Streams streams = Inspect.streams(result.output());
        assertEquals(2.5, streams.duration(), 1.0 / 30);
        assertEquals(320, streams.width());
        assertEquals(1, streams.audio());
        assertTrue(result.wall().toMillis() > 0);
        assertTrue(result.ffmpegPeakRssBytes().isPresent());
    }
}
