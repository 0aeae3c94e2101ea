package narrator.app.jobs;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A failure's message as callers see it (status, job detail, webhooks): without this server's paths.
 * A file in the job's work directory is named by its file name, anything else under the data
 * directory as {@code DATA_DIR/...}; the full message stays in the log.
 */
final class UserMessages {
    private UserMessages() {
    }

    static String withoutPaths(String message, Path workDir, Path dataDir) {
        if (message == null) {
            return null;
        }
        String out = message;
        for (String dir : spellings(workDir)) {
            out = out.replace(dir + "/", "").replace(dir, "the job's work directory");
        }
        if (dataDir != null && dataDir.toAbsolutePath().getNameCount() > 0) {
            for (String dir : spellings(dataDir)) {
                out = out.replace(dir + "/", "DATA_DIR/").replace(dir, "DATA_DIR");
            }
        }
        return out;
    }

    /** As given, absolute and real: a message may quote any of them. Longest first. */
    private static Set<String> spellings(Path dir) {
        Set<String> all = new LinkedHashSet<>();
        try {
            all.add(dir.toRealPath().toString());
        } catch (java.io.IOException | SecurityException e) {
            // deleted already: the other spellings remain
        }
        all.add(dir.toAbsolutePath().normalize().toString());
        all.add(dir.toString());
        all.removeIf(s -> s.isEmpty() || s.equals("/"));
        return all;
    }
}
