package narrator.app.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crashed service must leave no copy of SQLite's native library behind: two JVMs in turn open the
 * database and are killed with SIGKILL; the system temp directory stays empty and DATA_DIR/native
 * holds the last process's copy only.
 */
class SqliteNativeDirTest {
    @TempDir
    Path dir;

    @Test
    void crashesLeaveNoLibraryInTheTempDirectoryAndOneUnderTheDataDir() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path dataDir = dir.resolve("data");

        openAndKill(dataDir, tmp);
        openAndKill(dataDir, tmp);

        assertEquals(List.of(), sqliteFiles(tmp), "the system temp directory");
        List<Path> libraries = sqliteFiles(dataDir.resolve("native")).stream()
                .filter(p -> !p.getFileName().toString().endsWith(".lck")).toList();
        assertEquals(1, libraries.size(), "one copy under DATA_DIR/native: " + libraries);
    }

    private static void openAndKill(Path dataDir, Path tmp) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process jvm = new ProcessBuilder(java.toString(), "-Djava.io.tmpdir=" + tmp, "-cp",
                System.getProperty("java.class.path"), OpenDatabaseMain.class.getName(), dataDir.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            while (line != null && !line.startsWith("open")) {
                line = out.readLine();
            }
            assertEquals("open true", line, "the child JVM never opened the database");
        } finally {
            jvm.destroyForcibly(); // SIGKILL: no shutdown hook, no deleteOnExit
            jvm.waitFor();
        }
        assertTrue(Files.exists(dataDir.resolve("narrator.db")));
    }

    private static List<Path> sqliteFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("sqlite-")).sorted().toList();
        }
    }
}
