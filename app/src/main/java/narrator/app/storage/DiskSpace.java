package narrator.app.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;

/**
 * Free space on the filesystem of {@code DATA_DIR}, read afresh each time. Under {@code MIN_FREE_DISK_MB}
 * new jobs are refused: a job writes work files and outputs there, and a full disk would fail running
 * jobs and SQLite itself.
 */
public final class DiskSpace {
    private final Path dir;
    private final long minFreeBytes;

    public DiskSpace(Path dir, long minFreeBytes) {
        this.dir = dir;
        this.minFreeBytes = minFreeBytes;
    }

    public DiskUsage read() {
        try {
            Files.createDirectories(dir);
            FileStore store = Files.getFileStore(dir);
            return new DiskUsage(store.getUsableSpace(), store.getTotalSpace(), minFreeBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the free space of the data directory", e);
        }
    }

    /** Refuses a new job with {@code INSUFFICIENT_STORAGE} while free space is under the threshold. */
    public void checkRoomForNewJob() {
        DiskUsage usage = read();
        if (!usage.ok()) {
            throw new NarratorException(ErrorCode.INSUFFICIENT_STORAGE, "the server is low on disk space ("
                    + usage.freeMb() + " MB free, new jobs need " + usage.minFreeMb() + " MB); try again later",
                    Map.of("free_mb", usage.freeMb(), "min_free_mb", usage.minFreeMb()), null);
        }
    }
}
