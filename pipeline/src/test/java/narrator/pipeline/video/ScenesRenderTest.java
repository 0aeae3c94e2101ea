package narrator.pipeline.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import narrator.pipeline.CancelSignal;
import narrator.pipeline.Narration;
import narrator.pipeline.ProgressListener;
import narrator.pipeline.VideoSize;
import narrator.pipeline.narration.NarrationBuilder;
import narrator.pipeline.narration.Pauses;
import narrator.pipeline.narration.SpeechCache;
import narrator.pipeline.render.ClipFit;
import narrator.pipeline.align.AlignmentFallback;
import narrator.pipeline.render.FfmpegRunner;
import narrator.pipeline.render.Motion;
import narrator.pipeline.render.Renderer;
import narrator.pipeline.scenes.Anchor;
import narrator.pipeline.scenes.Scene;
import narrator.pipeline.scenes.SceneOptions;
import narrator.pipeline.script.ScriptMarkup;
import narrator.pipeline.script.ScriptSplitter;
import narrator.pipeline.script.SplitRules;
import narrator.pipeline.subtitles.Captions;
import narrator.pipeline.subtitles.SubtitleStyle;
import narrator.pipeline.testing.TestMedia;
import narrator.tts.SpeechOptions;
import narrator.tts.Voice;
import narrator.tts.espeak.EspeakVoice;

/** Scene videos rendered end to end with espeak-ng and real FFmpeg, then measured with FFmpeg's own filters. */
class ScenesRenderTest {
    private static final VideoSize SIZE = new VideoSize(320, 568);
    private static final int FPS = 30;
    private static final String THREE_PARAGRAPHS = """
            The harbour wakes before the sun. Gulls circle the empty boats.

            By noon the market is loud. Fish and bread change hands.

            At dusk the lights come on, one by one.
            """;
    private static final Pattern SHOWINFO = Pattern.compile("n:\\s*(\\d+).*pts_time:([0-9.]+)");

    @TempDir
    static Path media;
    @TempDir
    Path work;

    private final FfmpegRunner runner = new FfmpegRunner();
    private final VideoPipeline pipeline = new VideoPipeline(new ScriptSplitter(SplitRules.DEFAULT),
            new NarrationBuilder(SpeechCache.disabled(), Pauses.DEFAULT), runner, new Renderer(runner, Duration.ofMinutes(3)),
            AlignmentFallback.STRETCH);
    private final Voice voice = EspeakVoice.load("en-us");

    @Test
    void sceneChangesLandOnTheirParagraphsFirstSentenceWithinOneFrame() {
        List<Scene> scenes = List.of(still("red"), still("blue"), still("yellow"));

        PreparedVideo prepared = pipeline.narrate(request(THREE_PARAGRAPHS, scenes), work, ProgressListener.NONE,
                CancelSignal.none());
        VideoOutputs made = pipeline.subtitlesAndVideo(prepared, work, ProgressListener.NONE, CancelSignal.none());

        Narration narration = prepared.narration();
        List<Double> expected = List.of(seconds(narration, 2), seconds(narration, 4));
        List<Double> changes = sceneChanges(made.video());
        assertEquals(2, changes.size(), "one change per new scene: " + changes);
        for (int i = 0; i < 2; i++) {
            assertTrue(Math.abs(changes.get(i) - expected.get(i)) <= 1.0 / FPS,
                    "change " + i + " at " + changes.get(i) + " s, sentence starts at " + expected.get(i) + " s");
        }
    }

    private VideoRequest request(String script, List<Scene> scenes) {
        return new VideoRequest(script, voice, SpeechOptions.DEFAULT, SIZE, Captions.SENTENCE, SubtitleStyle.DEFAULT, null, null,
                null, RenderOptions.DEFAULT, ScriptMarkup.PLAIN, Map.of(), scenes);
    }

    private static Scene still(String colour) {
        return new Scene(TestMedia.colour(media, colour, 400, 300), new SceneOptions(Anchor.AUTO, Motion.NONE, 0,
                ClipFit.LOOP, false));
    }

    private static double seconds(Narration narration, int sentence) {
        return narration.sentences().get(sentence).startSample() / (double) narration.sampleRate();
    }

    /** Times of the frames FFmpeg's scene score marks as a new shot. */
    private List<Double> sceneChanges(Path video) {
        List<String> lines = runner.run(List.of("ffmpeg", "-hide_banner", "-nostdin", "-i", video.toString(),
                "-vf", "select='gt(scene,0.3)',showinfo", "-f", "null", "-"), Duration.ofMinutes(1)).stderrTail();
        List<Double> times = new ArrayList<>();
        for (String line : lines) {
            Matcher m = SHOWINFO.matcher(line);
            if (line.contains("Parsed_showinfo") && m.find()) {
                times.add(Double.parseDouble(m.group(2)));
            }
        }
        return times;
    }
}
