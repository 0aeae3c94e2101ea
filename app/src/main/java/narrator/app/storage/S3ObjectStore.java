package narrator.app.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.CancelSignal;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * An S3-compatible bucket (Backblaze B2, MinIO, AWS) through the AWS SDK v2 with its smallest HTTP
 * client. Large files go up in parts read from disk, so memory stays flat whatever the video size.
 * Downloads are presigned GETs on the JDK's HttpClient instead: a read of the SDK's URLConnection client
 * cannot be aborted from another thread without waiting (see {@link #download}).
 */
public final class S3ObjectStore implements ObjectStore {
    /** S3's smallest allowed part (except the last). */
    static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    static final long DEFAULT_PART_SIZE = 16L * 1024 * 1024;
    private static final int MAX_PARTS = 10_000;
    private static final int COPY_BUFFER = 64 * 1024;
    /** A download's GET is signed and sent at once, in-process; the margin covers clock skew. */
    private static final Duration GET_URL_TTL = Duration.ofMinutes(15);
    /** Enough of an S3 error body to hold its {@code <Code>}. */
    private static final int ERROR_BODY_BYTES = 4096;
    private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]{1,100})</Code>");

    private final S3Settings settings;
    private final long partSize;
    private final S3Client client;
    private final S3Presigner presigner;
    /** Sends downloads: cancelling an exchange or closing its body never blocks the thread that stops it. */
    private final HttpClient reader = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
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
        this.client = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60))
                        .build())
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
        return presignGet(settings.bucket(), key, ttl);
    }

    private URI presignGet(String bucket, String key, Duration ttl) {
        try {
            return presigner.presignGetObject(p -> p.signatureDuration(ttl)
                    .getObjectRequest(g -> g.bucket(bucket).key(key))).url().toURI();
        } catch (SdkException e) {
            throw failure("presigning", new S3Location(bucket, key).toString(), e);
        } catch (URISyntaxException e) {
            throw new NarratorException(ErrorCode.STORAGE_ERROR, "presigned URL is not a URI", e);
        }
    }

    /**
     * Streams the object within {@code deadline} (headers and body) and stops at once, with
     * {@code CANCELLED}, when {@code cancel} fires: both abort the exchange, whether it still waits for
     * the response headers or is reading the body, as the HTTP downloader does. Not through the SDK's
     * URLConnection client: its abort ({@code HttpURLConnection.disconnect}) closes the body stream under
     * the stream's lock, which a blocked read holds, and which the JDK's keep-alive cleaner holds while it
     * drains an unfinished body of up to 512 KiB to reuse the connection: a cancel waited for the whole
     * body to arrive (~40 s for a slow one).
     */
    @Override
    public void download(String bucket, String key, Path dest, long maxBytes, Duration deadline, CancelSignal cancel) {
        checkReadable(bucket);
        cancel.throwIfCancelled();
        String location = new S3Location(bucket, key).toString();
        HttpRequest request = HttpRequest.newBuilder(presignGet(bucket, key, GET_URL_TTL)).GET().build();
        CompletableFuture<HttpResponse<InputStream>> response =
                reader.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        AtomicReference<ErrorCode> stopped = new AtomicReference<>();
        ScheduledFuture<?> timeout = timer.schedule(() -> stop(response, stopped, ErrorCode.TIMEOUT),
                deadline.toNanos(), TimeUnit.NANOSECONDS);
        AutoCloseable hook = cancel.onCancel(() -> stop(response, stopped, ErrorCode.CANCELLED));
        boolean done = false;
        try {
            HttpResponse<InputStream> answer = response.get();
            try (InputStream in = answer.body()) {
                requireSuccess(answer.statusCode(), in, location);
                OptionalLong length = answer.headers().firstValueAsLong("Content-Length");
                if (length.isPresent() && length.getAsLong() > maxBytes) {
                    throw tooLarge(location, maxBytes);
                }
                copy(in, dest, maxBytes, location);
            }
            done = true;
        } catch (CancellationException | ExecutionException | IOException e) {
            NarratorException stop = stopped(stopped.get(), location, deadline);
            if (stop != null) {
                throw stop;
            }
            throw failure("download from", location, e instanceof ExecutionException ? e.getCause() : e);
        } catch (InterruptedException e) {
            stop(response, stopped, ErrorCode.CANCELLED);
            Thread.currentThread().interrupt();
            throw new NarratorException(ErrorCode.CANCELLED, "download from " + location + " interrupted");
        } finally {
            timeout.cancel(false);
            closeQuietly(hook);
            if (!done) {
                deleteQuietly(dest);
            }
        }
    }

    /**
     * Records why the download stops (the first reason wins) and aborts it: before the headers by
     * cancelling the exchange, after them by closing the body, which cancels it too. Neither blocks.
     */
    private static void stop(CompletableFuture<HttpResponse<InputStream>> response, AtomicReference<ErrorCode> stopped,
            ErrorCode why) {
        stopped.compareAndSet(null, why);
        if (!response.cancel(true)) {
            response.thenAccept(answer -> closeQuietly(answer.body()));
        }
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

    /** A missing object is the caller's input error; any other refusal is the store's, named by S3's code. */
    private void requireSuccess(int status, InputStream body, String location) throws IOException {
        if (status / 100 == 2) {
            return;
        }
        if (status == 404) {
            throw new NarratorException(ErrorCode.DOWNLOAD_FAILED, location + " does not exist");
        }
        String code = errorCode(new String(body.readNBytes(ERROR_BODY_BYTES), StandardCharsets.UTF_8));
        throw failure("download from", location, new IOException("HTTP " + status + (code.isEmpty() ? "" : " " + code)));
    }

    /** The {@code <Code>} of an S3 error document, or "" when there is none. */
    private static String errorCode(String body) {
        Matcher code = ERROR_CODE.matcher(body);
        return code.find() ? code.group(1) : "";
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // removing a hook or closing an aborted body: nothing left to do
        }
    }

    /** Counts while copying: a missing or lying Content-Length must not let more through. */
    private static void copy(InputStream in, Path dest, long maxBytes, String location) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(dest)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                if (total > maxBytes) {
                    throw tooLarge(location, maxBytes);
                }
                out.write(buffer, 0, n);
            }
        }
    }

    /** A file this service stored: no size limit of its own, and an hour, as long as a large upload may take. */
    @Override
    public void get(String key, Path dest, CancelSignal cancel) {
        try {
            download(settings.bucket(), key, dest, Long.MAX_VALUE, Duration.ofHours(1), cancel);
        } catch (NarratorException e) {
            throw e.code() == ErrorCode.CANCELLED ? e : new NarratorException(ErrorCode.STORAGE_ERROR, e.getMessage(), e);
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
    }

    private static NarratorException tooLarge(String location, long maxBytes) {
        return new NarratorException(ErrorCode.INPUT_TOO_LARGE,
                location + " is larger than the limit of " + maxBytes + " bytes",
                Map.of("limit_bytes", maxBytes), null);
    }

    /** Service errors carry the server's code and text; neither contains our secret, scrub anyway. */
    private NarratorException failure(String action, String location, Throwable e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
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
