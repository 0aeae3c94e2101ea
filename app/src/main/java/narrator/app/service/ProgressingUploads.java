package narrator.app.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import narrator.app.storage.ObjectStore;
import narrator.app.storage.StoredObject;
import narrator.pipeline.ProgressListener;
import narrator.pipeline.Stage;

/**
 * Puts a job's output files into the store one after another and reports the uploading stage's
 * progress by bytes stored, so a long video upload shows movement instead of a silent stage.
 */
final class ProgressingUploads {
    private final ObjectStore store;
    private final ProgressListener progress;
    private final long totalBytes;
    private long storedBytes;

    ProgressingUploads(ObjectStore store, ProgressListener progress, List<Path> files) {
        this.store = store;
        this.progress = progress;
        this.totalBytes = files.stream().mapToLong(ProgressingUploads::size).sum();
    }

    StoredObject put(String key, Path file, String contentType) {
        StoredObject stored = store.put(key, file, contentType);
        storedBytes += size(file);
        progress.progress(Stage.UPLOADING, totalBytes == 0 ? 1.0 : Math.min(1.0, storedBytes / (double) totalBytes));
        return stored;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file.getFileName(), e);
        }
    }
}
