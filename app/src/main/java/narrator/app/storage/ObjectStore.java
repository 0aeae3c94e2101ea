package narrator.app.storage;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where rendered artifacts go and where {@code s3://} inputs come from. Every failure is a
 * {@link narrator.core.NarratorException}: {@code STORAGE_ERROR} for the store itself,
 * {@code INPUT_TOO_LARGE} / {@code DOWNLOAD_FAILED} / {@code INVALID_REQUEST} for inputs.
 */
public interface ObjectStore extends AutoCloseable {

    /** Stores {@code file} under {@code key}, replacing any previous object. */
    StoredObject put(String key, Path file, String contentType);

    /** An HTTP URL that fetches {@code key} without credentials for at least {@code ttl}. */
    URI presign(String key, Duration ttl);

    /**
     * Copies {@code s3://bucket/key} to {@code dest}, failing with {@code INPUT_TOO_LARGE} as soon as
     * more than {@code maxBytes} arrive; {@code dest} does not exist after any failure.
     */
    void download(String bucket, String key, Path dest, long maxBytes);

    /**
     * Refuses, with {@code INVALID_REQUEST}, an {@code s3://} input from {@code bucket} when this store
     * may not read it: inputs are read with the service's own credentials, so only from the configured
     * bucket and those listed in {@code S3_INPUT_BUCKETS}.
     */
    void checkReadable(String bucket);

    boolean exists(String key);

    /** One line for health checks and logs; never contains credentials. */
    String describe();

    /** Releases connections; local storage holds none. */
    @Override
    default void close() {
    }
}
