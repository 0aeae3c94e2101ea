package narrator.app.db;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;

/**
 * A measurement, not a test: what opening the SQLite database costs a fresh JVM (run it with the service's JVM
 * flags): the time {@link Database#open} takes, then heap in use after a GC, resident memory and classes loaded.
 * Run it against another build's {@code Database} on the classpath to compare. Args: the database file.
 */
public final class OpenCost {
    private OpenCost() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        boolean existed = Files.exists(file);
        long began = System.nanoTime();
        try (Database db = Database.open(file); Connection c = db.dataSource().getConnection();
                ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM jobs")) {
            rs.next();
            double openMs = (System.nanoTime() - began) / 1e6;
            System.gc();
            Runtime runtime = Runtime.getRuntime();
            long heap = runtime.totalMemory() - runtime.freeMemory();
            System.out.printf("%s file: open %.0f ms, heap after GC %.1f MB, RSS %s, %d classes loaded%n",
                    existed ? "existing" : "new", openMs, heap / 1048576.0, rss(),
                    ManagementFactory.getClassLoadingMXBean().getLoadedClassCount());
        }
    }

    private static String rss() throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(line -> line.startsWith("VmRSS"))
                .map(line -> line.replaceAll("\\s+", " ").substring("VmRSS: ".length())).findFirst().orElse("?");
    }
}
