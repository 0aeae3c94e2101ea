package narrator.app.metrics;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * This process's and this machine's memory: the resident set from {@code /proc/self/status}, the heap
 * from the JVM, what the kernel says is available from {@code /proc/meminfo}. Off Linux the
 * {@code /proc} figures are empty.
 */
public final class MemoryReadings {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path MEMINFO = Path.of("/proc/meminfo");

    /** One reading; {@code heapMaxBytes} is -1 when the heap has no limit. */
    public record Memory(OptionalLong rssBytes, long heapUsedBytes, long heapMaxBytes, OptionalLong systemAvailableBytes) {
    }

    private MemoryReadings() {
    }

    public static Memory read() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new Memory(kilobytes(STATUS, "VmRSS"), heap.getUsed(), heap.getMax(), kilobytes(MEMINFO, "MemAvailable"));
    }

    public static OptionalLong rssBytes() {
        return kilobytes(STATUS, "VmRSS");
    }

    public static OptionalLong systemAvailableBytes() {
        return kilobytes(MEMINFO, "MemAvailable");
    }

    private static OptionalLong kilobytes(Path file, String field) {
        try {
            return field(Files.readString(file), field);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The bytes of a {@code "Field:   1234 kB"} line of a {@code /proc} file's text. */
    static OptionalLong field(String text, String field) {
        return text.lines().filter(line -> line.startsWith(field + ":")).findFirst().map(line -> {
            String[] parts = line.substring(field.length() + 1).trim().split("\\s+");
            long value = Long.parseLong(parts[0]);
            return OptionalLong.of(parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value);
        }).orElse(OptionalLong.empty());
    }
}
