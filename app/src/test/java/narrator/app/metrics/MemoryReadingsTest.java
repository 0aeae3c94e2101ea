package narrator.app.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MemoryReadingsTest {
    @Test
    void readsKilobyteFieldsOfProcFiles() {
        String status = """
                Name:\tjava
                VmPeak:\t 3862124 kB
                VmRSS:\t  102456 kB
                Threads:\t31
                """;
        assertEquals(OptionalLong.of(102456L * 1024), MemoryReadings.field(status, "VmRSS"));
        assertEquals(OptionalLong.of(31), MemoryReadings.field(status, "Threads"));
        assertEquals(OptionalLong.empty(), MemoryReadings.field(status, "VmSwap"));
        assertEquals(OptionalLong.of(2048L * 1024), MemoryReadings.field("MemTotal: 4096 kB\nMemAvailable: 2048 kB\n",
                "MemAvailable"));
    }
}
