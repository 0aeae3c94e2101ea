package narrator.app.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where sqlite-jdbc unpacks its native library. It copies the library out of its jar into
 * {@code org.sqlite.tmpdir} (default: the system temp directory) under a fresh random name on every
 * start, and deletes the copy only at a normal JVM exit: each crash or {@code kill -9} left another
 * ~1 MB copy in {@code /tmp}. Pointing the property at a directory of the service's own, under
 * {@code DATA_DIR}, and emptying it of earlier copies first keeps exactly one copy (the running
 * process's). Deleting a copy another live process has loaded is harmless on Linux: its mapping stays.
 */
final class SqliteNativeDir {
    static final String PROPERTY = "org.sqlite.tmpdir";
    private static final String PREFIX = "sqlite-";

    private SqliteNativeDir() {
    }

    /**
     * Makes {@code dir} sqlite-jdbc's unpacking directory after deleting earlier copies in it. Must run
     * before the first SQLite connection in this JVM: the library is unpacked and loaded once, then kept.
     */
    static void prepare(Path dir) {
        try {
            Files.createDirectories(dir);
            try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, PREFIX + "*")) {
                for (Path copy : old) {
                    Files.deleteIfExists(copy);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir + " for SQLite's native library", e);
        }
        System.setProperty(PROPERTY, dir.toAbsolutePath().toString());
    }
}
