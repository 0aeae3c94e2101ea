package narrator.app.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import narrator.app.service.MediaServer;
import narrator.core.ErrorCode;
import narrator.pipeline.CancelSignal;
import narrator.core.NarratorException;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import narrator.app.testing.S3Admin;
import software.amazon.awssdk.services.s3.S3Client;

/** Against s3proxy in-process: a real S3 server that checks SigV4 signatures. */
class S3ObjectStoreTest {
    private static final String BUCKET = "narrator-test";
    private static final String KEY_ID = "test-key-id";
    private static final String SECRET = "test-secret-Zq8Vw3";

    @RegisterExtension
    final S3ProxyExtension s3 = S3ProxyExtension.builder()
            .withCredentials(AuthenticationType.AWS_V2_OR_V4, KEY_ID, SECRET)
            .build();

    @TempDir
    Path dir;

    private S3Client admin;
    private S3ObjectStore store;

    @BeforeEach
    void createBucket() {
        admin = S3Admin.client(s3.getUri(), KEY_ID, SECRET);
        admin.createBucket(b -> b.bucket(BUCKET));
        store = new S3ObjectStore(settings(SECRET), S3ObjectStore.MIN_PART_SIZE);
    }

    @AfterEach
    void closeClients() {
        store.close();
        admin.close();
    }

    @Test
    void putThenDownloadRoundTrips() throws Exception {
        Path file = randomFile("voice.wav", 100_000);

        StoredObject stored = store.put("uploads/voiceovers/id-voice.wav", file, "audio/wav");

        assertEquals(new StoredObject("uploads/voiceovers/id-voice.wav",
                "s3://" + BUCKET + "/uploads/voiceovers/id-voice.wav", 100_000), stored);
        assertTrue(store.exists("uploads/voiceovers/id-voice.wav"));
        assertFalse(store.exists("uploads/voiceovers/other-voice.wav"));
        Path copy = dir.resolve("copy.wav");
        store.download(BUCKET, "uploads/voiceovers/id-voice.wav", copy, 100_000);
        assertEquals(-1, Files.mismatch(file, copy));
    }

    @Test
    void largeFilesGoUpInPartsIntact() throws Exception {
        // Two full 5 MiB parts and a short last one.
        Path file = randomFile("final.mp4", 2 * S3ObjectStore.MIN_PART_SIZE + 12_345);

        store.put("uploads/renders/id-final.mp4", file, "video/mp4");

        String etag = admin.headObject(b -> b.bucket(BUCKET).key("uploads/renders/id-final.mp4")).eTag();
        assertTrue(etag.endsWith("-3\""), "a multipart ETag names its part count: " + etag);
        Path copy = dir.resolve("copy.mp4");
        store.download(BUCKET, "uploads/renders/id-final.mp4", copy, Long.MAX_VALUE);
        assertEquals(-1, Files.mismatch(file, copy));
    }

    @Test
    void presignedUrlWorksOnceAndOnlyAsSigned() throws Exception {
        Path file = randomFile("thumb.jpg", 2_000);
        store.put("uploads/thumbnails/id-thumbnail.jpg", file, "image/jpeg");

        URI url = store.presign("uploads/thumbnails/id-thumbnail.jpg", Duration.ofMinutes(5));

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<byte[]> ok =
                http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, ok.statusCode());
        assertArrayEquals(Files.readAllBytes(file), ok.body());

        String signed = url.toString();
        int signature = signed.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
        char first = signed.charAt(signature);
        URI tampered = URI.create(signed.substring(0, signature) + (first == 'a' ? 'b' : 'a')
                + signed.substring(signature + 1));
        HttpResponse<Void> refused = http.send(HttpRequest.newBuilder(tampered).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(403, refused.statusCode());
    }

    @Test
    void downloadStopsAtTheSizeLimit() throws Exception {
        store.put("uploads/audio/bgm.mp3", randomFile("bgm.mp3", 10_000), "audio/mpeg");
        Path dest = dir.resolve("bgm.mp3");

        NarratorException e = assertThrows(NarratorException.class,
                () -> store.download(BUCKET, "uploads/audio/bgm.mp3", dest, 9_999));

        assertEquals(ErrorCode.INPUT_TOO_LARGE, e.code());
        assertFalse(Files.exists(dest));
    }

    @Test
    void aSlowObjectIsCutOffAtTheDeadline() {
        try (MediaServer slow = new MediaServer(); S3ObjectStore dripping = storeAt(slow)) {
            slow.drip(BUCKET + "/uploads/slow.mp4", 200_000, 100, Duration.ofMillis(20));
            Path dest = dir.resolve("slow.mp4");
            long start = System.nanoTime();

            NarratorException e = assertThrows(NarratorException.class, () -> dripping.download(BUCKET,
                    "uploads/slow.mp4", dest, 1_000_000, Duration.ofSeconds(1), CancelSignal.none()));

            assertEquals(ErrorCode.DOWNLOAD_FAILED, e.code(), e.getMessage());
            assertEquals("timeout", e.details().get("reason"));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) < 0);
            assertFalse(Files.exists(dest));
        }
    }

    /** A body dripping 100 bytes every 20 ms (~40 s in all), or one that stalls after its first 100 bytes. */
    @ParameterizedTest
    @ValueSource(longs = {20, 120_000})
    void cancelStopsADownloadAtOnce(long millisBetweenChunks) throws Exception {
        try (MediaServer slow = new MediaServer(); S3ObjectStore dripping = storeAt(slow)) {
            slow.drip(BUCKET + "/uploads/slow.mp4", 200_000, 100, Duration.ofMillis(millisBetweenChunks));
            Path dest = dir.resolve("slow.mp4");
            CancelSignal cancel = new CancelSignal();
            CompletableFuture<Void> download = CompletableFuture.runAsync(() -> dripping.download(BUCKET,
                    "uploads/slow.mp4", dest, 1_000_000, Duration.ofMinutes(5), cancel));
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!(Files.exists(dest) && Files.size(dest) > 0) && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            assertTrue(Files.exists(dest), "the download never started");

            long cancelledAt = System.nanoTime();
            cancel.cancel();

            // The cancel once waited for the rest of the body (the reader's stream lock, then the JDK's keep-alive drain).
            ExecutionException e = assertThrows(ExecutionException.class, () -> download.get(30, TimeUnit.SECONDS));
            Duration took = Duration.ofNanos(System.nanoTime() - cancelledAt);
            assertEquals(ErrorCode.CANCELLED, ((NarratorException) e.getCause()).code(), e.getCause().getMessage());
            assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "the cancel took " + took.toMillis() + " ms");
            assertFalse(Files.exists(dest));
        }
    }

    /** A server that accepts the request and never answers: the wait for headers is what is cut short. */
    @Test
    void aCancelStopsADownloadStillWaitingForItsHeadersWithinASecond() throws Exception {
        try (MediaServer silent = new MediaServer(); S3ObjectStore waiting = storeAt(silent)) {
            MediaServer.Gate gate = silent.gated(BUCKET + "/uploads/held.mp4", randomFile("held.mp4", 1_000));
            Path dest = dir.resolve("held.mp4");
            CancelSignal cancel = new CancelSignal();
            CompletableFuture<Void> download = CompletableFuture.runAsync(() -> waiting.download(BUCKET,
                    "uploads/held.mp4", dest, 1_000_000, Duration.ofMinutes(5), cancel));
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (gate.arrived() == 0 && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            assertEquals(1, gate.arrived(), "the request never reached the server");

            long cancelledAt = System.nanoTime();
            cancel.cancel();

            ExecutionException e = assertThrows(ExecutionException.class, () -> download.get(30, TimeUnit.SECONDS));
            Duration took = Duration.ofNanos(System.nanoTime() - cancelledAt);
            assertEquals(ErrorCode.CANCELLED, ((NarratorException) e.getCause()).code(), e.getCause().getMessage());
            assertTrue(took.compareTo(Duration.ofSeconds(1)) < 0, "the cancel took " + took.toMillis() + " ms");
            assertEquals(1, gate.arrived(), "a cancelled request is not sent again");
            assertFalse(Files.exists(dest));
        }
    }

    @Test
    void theDeadlineAlsoCoversTheWaitForHeaders() throws Exception {
        try (MediaServer silent = new MediaServer(); S3ObjectStore waiting = storeAt(silent)) {
            silent.gated(BUCKET + "/uploads/held.mp4", randomFile("held.mp4", 1_000));
            long start = System.nanoTime();

            NarratorException e = assertThrows(NarratorException.class, () -> waiting.download(BUCKET,
                    "uploads/held.mp4", dir.resolve("held.mp4"), 1_000_000, Duration.ofSeconds(1), CancelSignal.none()));

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(ErrorCode.DOWNLOAD_FAILED, e.code(), e.getMessage());
            assertEquals("timeout", e.details().get("reason"));
            assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "the deadline of 1 s took " + took.toMillis() + " ms");
        }
    }

    @Test
    void anObjectWithoutALengthIsStillStoppedAtTheSizeLimit() throws Exception {
        try (MediaServer server = new MediaServer(); S3ObjectStore chunked = storeAt(server)) {
            server.chunked(BUCKET + "/uploads/big.mp4", 50_000);
            Path dest = dir.resolve("big.mp4");

            NarratorException e = assertThrows(NarratorException.class, () -> chunked.download(BUCKET,
                    "uploads/big.mp4", dest, 20_000, Duration.ofSeconds(30), CancelSignal.none()));

            assertEquals(ErrorCode.INPUT_TOO_LARGE, e.code(), e.getMessage());
            assertFalse(Files.exists(dest));
        }
    }

    @Test
    void otherBucketsAreNotReadUnlessListed() throws Exception {
        admin.createBucket(b -> b.bucket("other"));
        NarratorException e = assertThrows(NarratorException.class,
                () -> store.download("other", "x", dir.resolve("x"), 1_000));
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
        S3Settings listed = new S3Settings(BUCKET, KEY_ID, SECRET, s3.getUri(), "us-east-1", Duration.ofHours(1), null,
                java.util.Set.of("other"));
        try (S3ObjectStore reader = new S3ObjectStore(listed)) {
            admin.putObject(b -> b.bucket("other").key("x"), software.amazon.awssdk.core.sync.RequestBody.fromString("x"));
            reader.download("other", "x", dir.resolve("x"), 1_000);
            assertEquals("x", Files.readString(dir.resolve("x")));
        }
    }

    private static S3ObjectStore storeAt(MediaServer server) {
        URI endpoint = URI.create(server.url(""));
        return new S3ObjectStore(new S3Settings(BUCKET, KEY_ID, SECRET, endpoint, "us-east-1", Duration.ofHours(1), null));
    }

    @Test
    void missingObjectIsADownloadFailure() {
        Path dest = dir.resolve("none");
        NarratorException e = assertThrows(NarratorException.class,
                () -> store.download(BUCKET, "uploads/none.mp4", dest, 1_000));
        assertEquals(ErrorCode.DOWNLOAD_FAILED, e.code());
        assertTrue(e.getMessage().contains("s3://" + BUCKET + "/uploads/none.mp4"), e.getMessage());
        assertFalse(Files.exists(dest));
    }

    @Test
    void wrongCredentialsAreAStorageErrorThatKeepsTheSecret() throws Exception {
        String wrongSecret = "wrong-secret-Kx71";
        Path file = randomFile("voice.wav", 100);
        try (S3ObjectStore wrong = new S3ObjectStore(settings(wrongSecret))) {
            NarratorException e = assertThrows(NarratorException.class,
                    () -> wrong.put("uploads/voiceovers/id-voice.wav", file, "audio/wav"));

            assertEquals(ErrorCode.STORAGE_ERROR, e.code());
            assertTrue(e.getMessage().contains("403"), e.getMessage());
            assertFalse(e.getMessage().contains(wrongSecret), e.getMessage());
            assertFalse(wrong.describe().contains(wrongSecret));

            store.put("uploads/audio/bgm.mp3", file, "audio/mpeg");
            Path dest = dir.resolve("bgm.mp3");
            NarratorException read = assertThrows(NarratorException.class,
                    () -> wrong.download(BUCKET, "uploads/audio/bgm.mp3", dest, 1_000));
            assertEquals(ErrorCode.STORAGE_ERROR, read.code());
            assertEquals("S3 download from s3://" + BUCKET + "/uploads/audio/bgm.mp3 failed: HTTP 403 SignatureDoesNotMatch",
                    read.getMessage());
            assertFalse(Files.exists(dest));
        }
    }

    private S3Settings settings(String secret) {
        return new S3Settings(BUCKET, KEY_ID, secret, s3.getUri(), "us-east-1", Duration.ofHours(1), null);
    }

    private Path randomFile(String name, long size) throws Exception {
        byte[] bytes = new byte[Math.toIntExact(size)];
        new Random(size).nextBytes(bytes);
        return Files.write(dir.resolve(name), bytes);
    }
}
