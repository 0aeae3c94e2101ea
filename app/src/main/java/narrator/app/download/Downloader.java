package narrator.app.download;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleConsumer;
import narrator.app.storage.ObjectStore;
import narrator.app.storage.S3Location;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.CancelSignal;

/**
 * Fetches a job's inputs (base video, music) from {@code http(s)://} URLs or {@code s3://bucket/key}
 * locations into local files, within a size limit and one overall deadline.
 */
public final class Downloader {
    static final int MAX_REDIRECTS = 5;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final ObjectStore store;
    private final AddressPolicy policy;
    private final Duration deadline;
    private final HttpClient client;

    /** {@code deadline} bounds each HTTP download as a whole: connect, headers, redirects and body. */
    public Downloader(ObjectStore store, AddressPolicy policy, Duration deadline) {
        this(store, policy, deadline, clientBuilder(deadline).build());
    }

    Downloader(ObjectStore store, AddressPolicy policy, Duration deadline, HttpClient client) {
        this.store = store;
        this.policy = policy;
        this.deadline = deadline;
        this.client = client;
    }

    /**
     * Redirects are followed by hand so every hop passes the address policy. HTTP/1.1 because on
     * plain http the client would otherwise try an h2c upgrade, which some servers mishandle.
     */
    static HttpClient.Builder clientBuilder(Duration deadline) {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(deadline);
    }

    /**
     * Downloads {@code source} to {@code dest} and returns {@code dest}; {@code role} (e.g.
     * "base_video_url") starts every error message. After a failure {@code dest} does not exist.
     */
    public Path fetch(String source, Path dest, long maxBytes, String role) {
        return fetch(source, dest, maxBytes, role, CancelSignal.none());
    }

    /**
     * As {@link #fetch(String, Path, long, String)}, and a download (HTTP or S3) stops at once with CANCELLED
     * when {@code cancel} fires (job cancel, job timeout, shutdown) instead of running to its deadline.
     */
    public Path fetch(String source, Path dest, long maxBytes, String role, CancelSignal cancel) {
        return fetch(source, dest, maxBytes, role, cancel, fraction -> { });
    }

    /**
     * As {@link #fetch(String, Path, long, String, CancelSignal)}, telling {@code onProgress} the share
     * of an HTTP download written so far (0 to 1) when the server says how long it is.
     */
    public Path fetch(String source, Path dest, long maxBytes, String role, CancelSignal cancel,
                      DoubleConsumer onProgress) {
        try {
            cancel.throwIfCancelled();
            if (S3Location.isS3(source)) {
                S3Location location = S3Location.parse(source);
                store.download(location.bucket(), location.key(), dest, maxBytes, deadline, cancel);
            } else {
                fetchHttp(httpUri(source), dest, maxBytes, cancel, onProgress);
            }
            return dest;
        } catch (NarratorException e) {
            throw new NarratorException(e.code(), role + ": " + e.getMessage(), e.details(), e);
        }
    }

    private static URI httpUri(String source) {
        URI uri;
        try {
            uri = new URI(source);
        } catch (URISyntaxException e) {
            throw new NarratorException(ErrorCode.INVALID_REQUEST, "not a valid URL: " + e.getMessage());
        }
        if (!isHttp(uri)) {
            throw new NarratorException(ErrorCode.INVALID_REQUEST,
                    "unsupported URL scheme '" + uri.getScheme() + "': use http://, https:// or s3://");
        }
        if (uri.getHost() == null) {
            throw new NarratorException(ErrorCode.INVALID_REQUEST, "URL has no host: " + redacted(uri));
        }
        return uri;
    }

    private void fetchHttp(URI uri, Path dest, long maxBytes, CancelSignal cancel, DoubleConsumer onProgress) {
        long deadlineAt = System.nanoTime() + deadline.toNanos();
        boolean done = false;
        try (FileChannel out = FileChannel.open(dest, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            URI current = uri;
            for (int redirects = 0; ; redirects++) {
                policy.check(current);
                HttpResponse<Void> response =
                        send(current, new FileBodyHandler(out, maxBytes, redacted(uri), onProgress), deadlineAt, cancel);
                int status = response.statusCode();
                if (!REDIRECTS.contains(status)) {
                    requireSuccess(current, status);
                    done = true;
                    return;
                }
                if (redirects == MAX_REDIRECTS) {
                    throw failed("more than " + MAX_REDIRECTS + " redirects from " + redacted(uri), "redirects");
                }
                current = redirectTarget(current, response);
            }
        } catch (IOException e) {
            throw new NarratorException(ErrorCode.DOWNLOAD_FAILED,
                    "cannot write the download to " + dest + ": " + e.getMessage(), e);
        } finally {
            if (!done) {
                deleteQuietly(dest);
            }
        }
    }

    private HttpResponse<Void> send(URI uri, FileBodyHandler handler, long deadlineAt, CancelSignal cancel) {
        long remaining = deadlineAt - System.nanoTime();
        if (remaining <= 0) {
            throw timedOut(uri);
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .GET()
                .timeout(Duration.ofNanos(remaining))
                .header("User-Agent", "narrator")
                .build();
        CompletableFuture<HttpResponse<Void>> response = client.sendAsync(request, handler);
        AutoCloseable hook = cancel.onCancel(() -> response.cancel(true));
        try {
            // One wait covers headers and body: a server dripping bytes is cut off at the deadline.
            return response.get(remaining, TimeUnit.NANOSECONDS);
        } catch (CancellationException e) {
            throw new NarratorException(ErrorCode.CANCELLED, "download from " + redacted(uri) + " cancelled");
        } catch (TimeoutException e) {
            response.cancel(true);
            throw timedOut(uri);
        } catch (InterruptedException e) {
            response.cancel(true);
            Thread.currentThread().interrupt();
            throw new NarratorException(ErrorCode.CANCELLED, "download from " + redacted(uri) + " interrupted");
        } catch (ExecutionException e) {
            throw failure(uri, e.getCause());
        } finally {
            closeQuietly(hook);
        }
    }

    private static void closeQuietly(AutoCloseable hook) {
        try {
            hook.close();
        } catch (Exception e) {
            // removing a hook from a list cannot fail
        }
    }

    private NarratorException failure(URI uri, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof NarratorException narrator) {
                return narrator;
            }
            if (t instanceof HttpTimeoutException) {
                return timedOut(uri);
            }
        }
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new NarratorException(ErrorCode.DOWNLOAD_FAILED,
                "could not download " + redacted(uri) + ": " + reason, Map.of("reason", "network"), cause);
    }

    private static void requireSuccess(URI uri, int status) {
        if (status / 100 != 2) {
            throw new NarratorException(ErrorCode.DOWNLOAD_FAILED,
                    redacted(uri) + " answered HTTP " + status, Map.of("reason", "http_status", "status", status),
                    null);
        }
    }

    private static URI redirectTarget(URI from, HttpResponse<Void> response) {
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> failed(redacted(from) + " redirected without a Location", "redirects"));
        URI target;
        try {
            target = from.resolve(new URI(location));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw failed(redacted(from) + " redirected to an invalid URL", "redirects");
        }
        if (!isHttp(target) || target.getHost() == null) {
            throw failed(redacted(from) + " redirected to a non-HTTP URL", "redirects");
        }
        return target;
    }

    private NarratorException timedOut(URI uri) {
        return new NarratorException(ErrorCode.DOWNLOAD_FAILED,
                "download of " + redacted(uri) + " did not finish within " + seconds(deadline),
                Map.of("reason", "timeout"), null);
    }

    private static NarratorException failed(String message, String reason) {
        return new NarratorException(ErrorCode.DOWNLOAD_FAILED, message, Map.of("reason", reason), null);
    }

    private static boolean isHttp(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("http") || scheme.equals("https");
    }

    /** Without user info and query: either may hold credentials (presigned URLs sign the query). */
    private static String redacted(URI uri) {
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getScheme() + "://" + uri.getHost() + port + path;
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the failure being reported matters more than a leftover partial file
        }
    }
}
