package narrator.app.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.CancelSignal;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * An S3-compatible bucket (Backblaze B2, MinIO, AWS) through the AWS SDK v2 with its smallest HTTP
 * client. Large files go up in parts read from disk, so memory stays flat whatever the video size.
 */
public final class S3ObjectStore implements ObjectStore {
    /** S3's smallest allowed part (except the last). */
    static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    static final long DEFAULT_PART_SIZE = 16L * 1024 * 1024;
    private static final int MAX_PARTS = 10_000;
    private static final int COPY_BUFFER = 64 * 1024;

    private final S3Settings settings;
    private final long partSize;
    private final S3Client client;
    private final S3Presigner presigner;
    /** Lets a deadline or a cancel abort a download's request from another thread. */
    private final AbortableHttpClient http;
    /** Aborts downloads that pass their deadline. */
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "s3-download-deadline");
        thread.setDaemon(true);
        return thread;
    });

    public S3ObjectStore(S3Settings settings) {
        this(settings, DEFAULT_PART_SIZE);
    }

    /** Files larger than {@code partSize} are uploaded in parts of that size. */
    S3ObjectStore(S3Settings settings, long partSize) {
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("part size below the S3 minimum of 5 MiB: " + partSize);
        }
        this.settings = settings;
        this.partSize = partSize;
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(settings.keyId(), settings.applicationKey()));
        Region region = Region.of(settings.region());
        this.http = new AbortableHttpClient(UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(Duration.ofSeconds(60))
                .build());
        this.client = S3Client.builder()
                .httpClient(http)
                .region(region)
                .credentialsProvider(credentials)
                .endpointOverride(settings.endpoint())
                .forcePathStyle(true)
                // B2 rejects the CRC32 checksums the SDK adds to every request by default.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
        this.presigner = S3Presigner.builder()
                .region(region)
                .credentialsProvider(credentials)
                .endpointOverride(settings.endpoint())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    @Override
    public StoredObject put(String key, Path file, String contentType) {
        String location = new S3Location(settings.bucket(), key).toString();
        try {
            long size = Files.size(file);
            if (size > partSize) {
                putInParts(key, file, size, contentType);
            } else {
                client.putObject(b -> b.bucket(settings.bucket()).key(key).contentType(contentType)
                        .contentLength(size), RequestBody.fromFile(file));
            }
            return new StoredObject(key, location, size);
        } catch (IOException e) {
            throw new NarratorException(ErrorCode.STORAGE_ERROR,
                    "cannot read " + file + " to upload it: " + e.getMessage(), e);
        } catch (SdkException | UncheckedIOException e) {
            throw failure("upload to", location, e);
        }
    }

    /** The plain multipart API: create, upload file slices, complete; abort so no parts linger. */
    private void putInParts(String key, Path file, long size, String contentType) throws IOException {
        String uploadId = client.createMultipartUpload(
                b -> b.bucket(settings.bucket()).key(key).contentType(contentType)).uploadId();
        try {
            long length = Math.max(partSize, Math.floorDiv(size + MAX_PARTS - 1, MAX_PARTS));
            List<CompletedPart> parts = new ArrayList<>();
            for (long offset = 0; offset < size; offset += length) {
                int number = parts.size() + 1;
                long partLength = Math.min(length, size - offset);
                UploadPartRequest request = UploadPartRequest.builder()
                        .bucket(settings.bucket()).key(key).uploadId(uploadId)
                        .partNumber(number).contentLength(partLength).build();
                try (FilePart part = new FilePart(file, offset, partLength)) {
                    String etag = client.uploadPart(request,
                            RequestBody.fromContentProvider(part, partLength, contentType)).eTag();
                    parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                }
            }
            client.completeMultipartUpload(b -> b.bucket(settings.bucket()).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (IOException | RuntimeException e) {
            try {
                client.abortMultipartUpload(b -> b.bucket(settings.bucket()).key(key).uploadId(uploadId));
            } catch (SdkException abortFailure) {
                e.addSuppressed(abortFailure);
            }
            throw e;
        }
    }

    @Override
    public URI presign(String key, Duration ttl) {
        try {
            return presigner.presignGetObject(p -> p.signatureDuration(ttl)
                    .getObjectRequest(g -> g.bucket(settings.bucket()).key(key))).url().toURI();
        } catch (SdkException e) {
            throw failure("presigning", new S3Location(settings.bucket(), key).toString(), e);
        } catch (URISyntaxException e) {
            throw new NarratorException(ErrorCode.STORAGE_ERROR, "presigned URL is not a URI", e);
        }
    }

    /**
     * Streams the object within {@code deadline} (headers and body) and stops at once, with
     * {@code CANCELLED}, when {@code cancel} fires: both abort the request, whether it still waits for
     * the response headers or is reading the body, as the HTTP downloader does.
     */
    @Override
    public void download(String bucket, String key, Path dest, long maxBytes, Duration deadline, CancelSignal cancel) {
        checkReadable(bucket);
        cancel.throwIfCancelled();
        String location = new S3Location(bucket, key).toString();
        AtomicReference<ErrorCode> stopped = new AtomicReference<>();
        boolean done = false;
        try (AbortableHttpClient.Call call = http.open()) {
            ScheduledFuture<?> timeout = timer.schedule(() -> stop(call, stopped, ErrorCode.TIMEOUT),
                    deadline.toNanos(), TimeUnit.NANOSECONDS);
            AutoCloseable hook = cancel.onCancel(() -> stop(call, stopped, ErrorCode.CANCELLED));
            try (ResponseInputStream<GetObjectResponse> in = client.getObject(b -> b.bucket(bucket).key(key))) {
                call.reading(in);
                Long length = in.response().contentLength();
                if (length != null && length > maxBytes) {
                    in.abort();
                    throw tooLarge(location, maxBytes);
                }
                copy(in, dest, maxBytes, location, stopped);
            } finally {
                timeout.cancel(false);
                closeQuietly(hook);
            }
            done = true;
        } catch (NoSuchKeyException e) {
            throw new NarratorException(ErrorCode.DOWNLOAD_FAILED, location + " does not exist", e);
        } catch (SdkException | IOException e) {
            NarratorException stop = stopped(stopped.get(), location, deadline);
            if (stop != null) {
                throw stop;
            }
            if (e instanceof SdkException sdk) {
                throw failure("download from", location, sdk);
            }
            throw new NarratorException(ErrorCode.STORAGE_ERROR,
                    "download from " + location + " failed: " + e.getMessage(), e);
        } finally {
            if (!done) {
                deleteQuietly(dest);
            }
        }
    }

    /** Records why the download stops (the first reason wins) and aborts its request. */
    private static void stop(AbortableHttpClient.Call call, AtomicReference<ErrorCode> stopped, ErrorCode why) {
        stopped.compareAndSet(null, why);
        call.abort();
    }

    /** The failure a deadline or cancel that aborted the transfer stands for; null when neither did. */
    private static NarratorException stopped(ErrorCode why, String location, Duration deadline) {
        if (why == ErrorCode.CANCELLED) {
            return new NarratorException(ErrorCode.CANCELLED, "download from " + location + " cancelled");
        }
        return why == ErrorCode.TIMEOUT ? timedOut(location, deadline) : null;
    }

    private static NarratorException timedOut(String location, Duration deadline) {
        return new NarratorException(ErrorCode.DOWNLOAD_FAILED, "download of " + location + " did not finish within "
                + deadline.toMillis() + " ms", Map.of("reason", "timeout"), null);
    }

    private static void closeQuietly(AutoCloseable hook) {
        try {
            hook.close();
        } catch (Exception e) {
            // removing a hook from a list cannot fail
        }
    }

    /** Counts while copying: a missing or lying Content-Length must not let more through. */
    private static void copy(ResponseInputStream<GetObjectResponse> in, Path dest, long maxBytes,
            String location, AtomicReference<ErrorCode> stopped) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(dest)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (stopped.get() != null) {
                    throw new IOException("aborted");
                }
                total += n;
                if (total > maxBytes) {
                    in.abort();
                    throw tooLarge(location, maxBytes);
                }
                out.write(buffer, 0, n);
            }
        }
    }

    @Override
    public void checkReadable(String bucket) {
        if (!settings.readable(bucket)) {
            throw new NarratorException(ErrorCode.INVALID_REQUEST, "s3:// inputs may be read only from bucket '"
                    + settings.bucket() + "'" + (settings.inputBuckets().isEmpty() ? "" : " and those in S3_INPUT_BUCKETS")
                    + ", not from '" + bucket + "'");
        }
    }

    @Override
    public boolean exists(String key) {
        try {
            client.headObject(b -> b.bucket(settings.bucket()).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (AwsServiceException e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw failure("checking", new S3Location(settings.bucket(), key).toString(), e);
        } catch (SdkException e) {
            throw failure("checking", new S3Location(settings.bucket(), key).toString(), e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            client.deleteObject(b -> b.bucket(settings.bucket()).key(key));
        } catch (SdkException e) {
            throw failure("deleting", new S3Location(settings.bucket(), key).toString(), e);
        }
    }

    /**
     * Lists the bucket's unfinished multipart uploads under each prefix and aborts those started before
     * {@code startedBefore}. This runs before this process uploads anything: a single node aborts them all
     * (they belong to a process that died); nodes of a cluster, sharing the bucket, only those too old to
     * belong to a job still running on another node. (Two separate services sharing one bucket and its
     * prefixes would abort each other's uploads in progress: give each service its own bucket.)
     */
    @Override
    public int abortIncompleteUploads(List<String> prefixes, Instant startedBefore) {
        int aborted = 0;
        for (String prefix : prefixes) {
            try {
                for (MultipartUpload upload : client.listMultipartUploadsPaginator(
                        b -> b.bucket(settings.bucket()).prefix(prefix)).uploads()) {
                    if (upload.initiated() != null && !upload.initiated().isBefore(startedBefore)) {
                        continue;
                    }
                    client.abortMultipartUpload(b -> b.bucket(settings.bucket()).key(upload.key())
                            .uploadId(upload.uploadId()));
                    aborted++;
                }
            } catch (SdkException e) {
                throw failure("aborting unfinished uploads under", new S3Location(settings.bucket(), prefix).toString(), e);
            }
        }
        return aborted;
    }

    @Override
    public String describe() {
        return "S3 bucket " + settings.bucket() + " at " + settings.endpoint() + " (region "
                + settings.region() + ")";
    }

    @Override
    public void close() {
        timer.shutdownNow();
        presigner.close();
        client.close();
        // A client passed in is not closed by the SDK.
        http.close();
    }

    private static NarratorException tooLarge(String location, long maxBytes) {
        return new NarratorException(ErrorCode.INPUT_TOO_LARGE,
                location + " is larger than the limit of " + maxBytes + " bytes",
                Map.of("limit_bytes", maxBytes), null);
    }

    /** Service errors carry the server's code and text; neither contains our secret, scrub anyway. */
    private NarratorException failure(String action, String location, Exception e) {
        String reason = e.getMessage();
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            reason = service.awsErrorDetails().errorCode() + " (HTTP " + service.statusCode() + "): "
                    + service.awsErrorDetails().errorMessage();
        }
        String message = "S3 " + action + " " + location + " failed: " + reason;
        return new NarratorException(ErrorCode.STORAGE_ERROR,
                message.replace(settings.applicationKey(), "****"), e);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the failure being reported matters more than a leftover temp file
        }
    }
}
