package narrator.bench.tts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import narrator.tts.TtsSettings;
import narrator.tts.catalogue.VoiceCatalogue;
import narrator.tts.testing.TestVoices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TtsBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void textIsAboutOneHundredFiftyWords() {
        int words = TtsBenchmark.TEXT.split("\\s+").length;
        assertTrue(words >= 140 && words <= 160, "words: " + words);
    }

    @Test
    void printsEveryFigureForEspeakAndPiper() {
        TestVoices.writePiperVoice(dir, "en_US-bench-medium", 1);
        try (VoiceCatalogue catalogue = new VoiceCatalogue(TtsSettings.defaults().withModelsDir(dir))) {
            for (String voice : new String[] {"espeak:en-us", "piper:en_US-bench-medium"}) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                TtsBenchmark.run(catalogue, voice, 2, new PrintStream(bytes, true, StandardCharsets.UTF_8));
                String report = bytes.toString(StandardCharsets.UTF_8);
                System.out.println(report);
                for (String label : new String[] {"voice:            " + voice, "threads:", "model load:",
                        "cold synthesis:", "warm synthesis:   ", "(median of 2 calls after it)", "audio:",
                        "real-time factor: cold ", ", warm ", "peak RSS:         ", "RSS after release: "}) {
                    assertTrue(report.contains(label), report);
                }
                assertTrue(report.contains(" MB"), report);
            }
        }
    }

    @Test
    void readsPeakRssFromProcStatus() throws IOException {
        Path status = Files.writeString(dir.resolve("status"), "Name:\tjava\nVmPeak:\t 9999 kB\nVmHWM:\t  123456 kB\n");
        assertEquals(OptionalLong.of(123456), TtsBenchmark.peakRssKb(status));
        assertEquals(OptionalLong.empty(), TtsBenchmark.peakRssKb(dir.resolve("absent")));
    }
}
