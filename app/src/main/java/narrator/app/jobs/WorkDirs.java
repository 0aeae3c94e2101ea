package narrator.app.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes job work directories; a failure is logged, never thrown, since the job's outcome stands. */
public final class WorkDirs {
    private static final Logger log = LoggerFactory.getLogger(WorkDirs.class);

    private WorkDirs() {
    }

    public static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("could not delete {}: {}", path, e.toString());
        }
    }

    /** Deletes everything under {@code root}, creating it if missing. */
    static void emptyDirectory(Path root) throws IOException {
        Files.createDirectories(root);
        try (Stream<Path> entries = Files.list(root)) {
            for (Path entry : entries.toList()) {
                log.info("removing orphan work dir {}", entry);
                deleteRecursively(entry);
            }
        }
    }
}
