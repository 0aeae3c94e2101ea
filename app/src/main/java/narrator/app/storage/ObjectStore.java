package narrator.app.storage;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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

    boolean exists(String key);

    /**
     * Aborts every unfinished multipart upload whose key starts with one of {@code prefixes}; returns how
     * many. Run at start, before any job runs: an upload a crash interrupted is never completed, and
     * its parts would otherwise be kept (and billed) forever. Stores without multipart uploads have none.
     */
    default int abortIncompleteUploads(List<String> prefixes) {
        return 0;
    }

    /** One line for health checks and logs; never contains credentials. */
    String describe();

    /** Releases connections; local storage holds none. */
    @Override
    default void close() {
    }
}
