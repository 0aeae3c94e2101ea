package narrator.app.storage;

import java.util.function.Consumer;

/**
 * What retention does with a removed job's stored outputs: deletes every key the job may have stored, or
 * keeps them all: local files always go (they fill the service's own disk); objects in a bucket go only with
 * {@code RETENTION_DELETE_OBJECTS}, since their links may be published.
 */
public record OutputsRemoval(boolean deleteObjects, ObjectStore store, StorageKeys keys) implements Consumer<String> {
    /** The rule: outputs in local storage always go; outputs in a bucket only with {@code deleteBucketObjects}. */
    public static OutputsRemoval of(boolean inBucket, boolean deleteBucketObjects, ObjectStore store, StorageKeys keys) {
        return new OutputsRemoval(!inBucket || deleteBucketObjects, store, keys);
    }

    @Override
    public void accept(String jobId) {
        if (deleteObjects) {
            keys.all(jobId).forEach(store::delete);
        }
    }
}
