package narrator.app.storage;

import java.util.function.Consumer;

/**
 * What retention does with a removed job's stored outputs: with {@code RETENTION_DELETE_OBJECTS} it
 * deletes every key the job may have stored (local files or S3 objects alike); otherwise it keeps them,
 * since their links may be published somewhere.
 */
public record OutputsRemoval(boolean deleteObjects, ObjectStore store, StorageKeys keys) implements Consumer<String> {
    @Override
    public void accept(String jobId) {
        if (deleteObjects) {
            keys.all(jobId).forEach(store::delete);
        }
    }
}
