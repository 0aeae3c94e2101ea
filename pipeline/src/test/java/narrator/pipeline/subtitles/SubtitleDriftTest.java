package narrator.pipeline.subtitles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import narrator.pipeline.Narration;
import narrator.pipeline.SpokenSentence;
import narrator.pipeline.VideoSize;
import org.junit.jupiter.api.Test;

/** Over a long narration, every written time is its own sample position rounded once: nothing accumulates. */
class SubtitleDriftTest {
    private static final int RATE = 22050;
    private static final VideoSize SIZE = new VideoSize(1080, 1920);

    @Test
    void twoHundredSentencesKeepTheirExactTimesInEveryFormat() {
        List<SpokenSentence> sentences = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            // Odd starts and lengths, 2.5 s apart, none a whole number of milliseconds.
            long start = i * 55_125L + 1_777;
            sentences.add(new SpokenSentence("Sentence number " + i + " is here.", start, start + 44_101 + (i % 7) * 313, ""));
        }
        SubtitleStyle style = SubtitleStyle.DEFAULT.resolve(SIZE);
        List<Cue> cues = SubtitleTimeline.build(new Narration(Path.of("v.wav"), RATE, 11_100_000, sentences), style, Captions.SENTENCE);

        assertEquals(200, cues.size());
        assertEquals(sentences.get(199).endSample(), cues.get(199).endSample());
        List<String> ass = AssWriter.write(cues, style, SIZE, CaptionStyle.SENTENCE).lines().filter(l -> l.startsWith("Dialogue")).toList();
        List<String> srt = SrtWriter.write(cues).lines().filter(l -> l.contains(" --> ")).toList();
        List<String> vtt = VttWriter.write(cues).lines().filter(l -> l.contains(" --> ")).toList();
        for (int i = 0; i < 200; i++) {
            SpokenSentence s = sentences.get(i);
            assertEquals(s.startSample(), cues.get(i).startSample());
            assertEquals(s.endSample(), cues.get(i).endSample());
            String times = "Dialogue: 0," + assTime(s.startSample()) + "," + assTime(s.endSample()) + ",";
            assertEquals(times, ass.get(i).substring(0, times.length()));
            assertEquals(clock(s.startSample(), ',') + " --> " + clock(s.endSample(), ','), srt.get(i));
            assertEquals(clock(s.startSample(), '.') + " --> " + clock(s.endSample(), '.'), vtt.get(i));
        }
        // 199 * 55125 + 1777 = 10971652 samples = 497.5806 s; the end 10971652 + 44101 + 313 = 499.6232 s.
        assertEquals("Dialogue: 0,0:08:17.58,0:08:19.62,Default,,0,0,0,,Sentence number 199 is here.", ass.get(199));
    }

    private static long rounded(long sample, int perSecond) {
        return BigDecimal.valueOf(sample).multiply(BigDecimal.valueOf(perSecond))
                .divide(BigDecimal.valueOf(RATE), 0, RoundingMode.HALF_UP).longValueExact();
    }

    private static String assTime(long sample) {
        long cs = rounded(sample, 100);
        return "%d:%02d:%02d.%02d".formatted(cs / 360_000, cs / 6000 % 60, cs / 100 % 60, cs % 100);
    }

    private static String clock(long sample, char separator) {
        long ms = rounded(sample, 1000);
        return "%02d:%02d:%02d%c%03d".formatted(ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, separator, ms % 1000);
    }
}
