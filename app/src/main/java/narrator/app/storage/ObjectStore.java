package narrator.app.storage;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import narrator.pipeline.CancelSignal;

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
    default void download(String bucket, String key, Path dest, long maxBytes) {
        download(bucket, key, dest, maxBytes, Duration.ofDays(1), CancelSignal.none());
    }

    /**
     * As {@link #download(String, String, Path, long)}, failing with {@code DOWNLOAD_FAILED} (reason
     * {@code timeout}) past {@code deadline} and with {@code CANCELLED} as soon as {@code cancel} fires.
     */
    void download(String bucket, String key, Path dest, long maxBytes, Duration deadline, CancelSignal cancel);

    /**
     * Refuses, with {@code INVALID_REQUEST}, an {@code s3://} input from {@code bucket} when this store
     * may not read it: inputs are read with the service's own credentials, so only from the configured
     * bucket and those listed in {@code S3_INPUT_BUCKETS}.
     */
    void checkReadable(String bucket);

    /**
     * Copies this store's object {@code key} to {@code dest} (a segment another node drew, or an input it needs);
     * {@code STORAGE_ERROR} when it cannot, {@code CANCELLED} as soon as {@code cancel} fires.
     */
    void get(String key, Path dest, CancelSignal cancel);

    boolean exists(String key);

    /** Deletes {@code key}; a key with no object is no error. */
    void delete(String key);

    /**
     * Aborts every unfinished multipart upload whose key starts with one of {@code prefixes} and that was
     * started before {@code startedBefore}; returns how many. Run at start, before any job runs: an upload a
     * crash interrupted is never completed, and its parts would otherwise be kept (and billed) forever.
     * Stores without multipart uploads have none.
     */
    default int abortIncompleteUploads(List<String> prefixes, Instant startedBefore) {
        return 0;
    }

    /** One line for health checks and logs; never contains credentials. */
    String describe();

    /** Releases connections; local storage holds none. */
    @Override
    default void close() {
    }
}
