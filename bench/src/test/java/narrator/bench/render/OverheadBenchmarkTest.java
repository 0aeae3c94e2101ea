package narrator.bench.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class OverheadBenchmarkTest {
    @Test
    void readsTheStageTimingsNarratorRenderPrintsWithoutItsTotal() {
        List<String> printed = """
                [main] [INFO] EncoderDetector - encoder 'auto': h264_nvenc cannot open here; using libx264
                Wrote /tmp/out/final.mp4
                Stage timings:
                  downloading      0.00 s
                  synthesizing     0.13 s
                  rendering       26.02 s
                  thumbnail        0.31 s
                  total           26.46 s
                """.lines().toList();

        assertEquals(Map.of("downloading", 0.0, "synthesizing", 0.13, "rendering", 26.02, "thumbnail", 0.31),
                OverheadBenchmark.stages(printed));
        assertEquals(List.of("downloading", "synthesizing", "rendering", "thumbnail"),
                List.copyOf(OverheadBenchmark.stages(printed).keySet()));
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(2.0, OverheadBenchmark.median(List.of(3.0, 1.0, 2.0)));
        assertEquals(2.5, OverheadBenchmark.median(List.of(4.0, 1.0, 3.0, 2.0)));
    }
}
