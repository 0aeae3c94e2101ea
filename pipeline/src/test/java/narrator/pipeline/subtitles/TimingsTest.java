package narrator.pipeline.subtitles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import narrator.pipeline.Narration;
import narrator.pipeline.Speaker;
import narrator.pipeline.SpokenSentence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimingsTest {
    private static final SpokenSentence KNOWN = new SpokenSentence("Hello, big world.", 0, 12_000, "", List.of(0L, 3000L, 4000L), null, List.of());

    @Test
    void everySentenceAndWordWithItsTextAndSecondsAsJson(@TempDir Path dir) throws Exception {
        Narration narration = new Narration(Path.of("voice.wav"), 24000, 40_000, List.of(KNOWN,
                new SpokenSentence("  ", 12_000, 12_000, ""),
                new SpokenSentence("Then\nthis.", 20_000, 40_000, "ðˈɛn ðˈɪs.", List.of(), new Speaker("BOB", null), List.of())));

        Path file = Timings.of(narration).writeTo(dir.resolve("timings.json"));

        assertEquals("""
                {
                  "word_timing" : "estimate",
                  "duration_seconds" : 1.667,
                  "sentences" : [ {
                    "text" : "Hello, big world.",
                    "speaker" : null,
                    "start" : 0.0,
                    "end" : 0.5,
                    "words" : [ {
                      "text" : "Hello,",
                      "speaker" : null,
                      "start" : 0.0,
                      "end" : 0.125
                    }, {
                      "text" : "big",
                      "speaker" : null,
                      "start" : 0.125,
                      "end" : 0.167
                    }, {
                      "text" : "world.",
                      "speaker" : null,
                      "start" : 0.167,
                      "end" : 0.5
                    } ]
                  }, {
                    "text" : "Then this.",
                    "speaker" : "BOB",
                    "start" : 0.833,
                    "end" : 1.667,
                    "words" : [ {
                      "text" : "Then",
                      "speaker" : "BOB",
                      "start" : 0.833,
                      "end" : 1.25
                    }, {
                      "text" : "this.",
                      "speaker" : "BOB",
                      "start" : 1.25,
                      "end" : 1.667
                    } ]
                  } ]
                }""", Files.readString(file).replace("\r\n", "\n"));
    }

    @Test
    void wordTimingIsModelOnlyWhenEverySentenceKnowsItsWords() {
        assertEquals("model", Timings.of(new Narration(Path.of("v.wav"), 24000, 12_000, List.of(KNOWN))).wordTiming());
        assertEquals(WordTimingSource.ESTIMATE, WordTimingSource.of(new Narration(Path.of("v.wav"), 24000, 12_000,
                List.of(new SpokenSentence("Hello, big world.", 0, 12_000, "", List.of(0L, 3000L), null, List.of())))),
                "starts for two of three words are not the model's timing");
    }
}
