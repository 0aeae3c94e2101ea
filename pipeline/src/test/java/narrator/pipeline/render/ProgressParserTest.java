package narrator.pipeline.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class ProgressParserTest {

    private static List<Double> fractions(double expectedSeconds, String progressOutput) {
        ProgressParser parser = new ProgressParser(expectedSeconds);
        return progressOutput.lines().map(parser::accept).filter(OptionalDouble::isPresent)
                .map(OptionalDouble::getAsDouble).collect(Collectors.toList());
    }

    @Test
    void outTimeOverExpectedDurationEndingAtOne() {
        String output = """
                frame=0
                out_time_us=N/A
                out_time_ms=N/A
                progress=continue
                frame=15
                out_time_us=500000
                out_time_ms=500000
                out_time=00:00:00.500000
                progress=continue
                frame=45
                out_time_us=1500000
                out_time_ms=1500000
                progress=continue
                out_time_us=2000000
                progress=end
                """;

        assertEquals(List.of(0.25, 0.75, 1.0), fractions(2.0, output));
    }

    @Test
    void neverGoesBackwardsNorPastOne() {
        assertEquals(List.of(0.5, 1.0), fractions(1.0, """
                out_time_us=500000
                out_time_us=400000
                out_time_us=3000000
                progress=end
                """));
    }

    @Test
    void outTimeMsIsMicrosecondsAndOnlyAFallback() {
        assertEquals(List.of(0.5), fractions(4.0, "out_time_ms=2000000\n"));
    }

    @Test
    void unknownDurationReportsOnlyTheEnd() {
        assertEquals(List.of(1.0), fractions(0, "out_time_us=100\nbitrate=N/A\nnonsense\nprogress=end\n"));
    }
}
