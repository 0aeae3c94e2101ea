package narrator.app.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import narrator.app.storage.LocalObjectStore;
import narrator.app.storage.ObjectStore;
import narrator.app.storage.StoredObject;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Against real loopback servers. {@code server} and {@code other} stand in for public hosts through
 * the policy's allow-list. Every other request is routed to {@code trap}, a proxy that must never see
 * a request: a refusal that still connected would show up there instead of leaving the machine.
 */
class DownloaderTest {
    private static final Duration DEADLINE = Duration.ofSeconds(5);

    private final MockWebServer server = new MockWebServer();
    private final MockWebServer other = new MockWebServer();
    private final MockWebServer trap = new MockWebServer();

    @TempDir
    Path dir;

    private Path dest;

    @BeforeEach
    void start() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        server.start(loopback, 0);
        other.start(loopback, 0);
        trap.start(loopback, 0);
        dest = dir.resolve("input.bin");
    }

    @AfterEach
    void stop() {
        assertEquals(0, trap.getRequestCount(), "a request escaped the address policy");
        server.close();
        other.close();
        trap.close();
    }

    @Test
    void downloadsABody() throws Exception {
        server.enqueue(new MockResponse.Builder().body("base video bytes").build());

        Path result = downloader().fetch(url(server, "/base.mp4"), dest, 1_000, "base_video_url");

        assertEquals(dest, result);
        assertEquals("base video bytes", Files.readString(dest));
        assertEquals("/base.mp4", server.takeRequest().getUrl().encodedPath());
    }

    @Test
    void reportsTheShareOfAnAnnouncedLengthWrittenUpToTheWhole() throws Exception {
        server.enqueue(new MockResponse.Builder().body("x".repeat(200_000)).build());
        List<Double> shares = new java.util.concurrent.CopyOnWriteArrayList<>();

        downloader().fetch(url(server, "/base.mp4"), dest, 1_000_000, "base_video_url",
                narrator.pipeline.CancelSignal.none(), shares::add);

        assertFalse(shares.isEmpty());
        assertEquals(1.0, shares.get(shares.size() - 1));
        for (int i = 1; i < shares.size(); i++) {
            assertTrue(shares.get(i) >= shares.get(i - 1), shares::toString);
        }
    }

    @Test
    void refusesAnAnnouncedLengthOverTheLimit() {
        server.enqueue(new MockResponse.Builder().body("x".repeat(2_000)).build());

        NarratorException e = fails(() -> downloader().fetch(url(server, "/big.mp4"), dest, 1_000, "base_video_url"));

        assertEquals(ErrorCode.INPUT_TOO_LARGE, e.code());
        assertTrue(e.getMessage().startsWith("base_video_url: "), e.getMessage());
        assertFalse(Files.exists(dest));
    }

    @Test
    void cutsOffAChunkedBodyPastTheLimit() {
        server.enqueue(new MockResponse.Builder().chunkedBody("x".repeat(256 * 1024), 1024).build());

        NarratorException e = fails(() -> downloader().fetch(url(server, "/big.mp3"), dest, 10_000, "bgm_url"));

        assertEquals(ErrorCode.INPUT_TOO_LARGE, e.code());
        assertFalse(Files.exists(dest), "no partial file");
    }

    @Test
    void cutsOffASlowDripAtTheDeadline() {
        server.enqueue(new MockResponse.Builder().body("x".repeat(100))
                .throttleBody(1, 200, TimeUnit.MILLISECONDS).build());
        Downloader downloader = downloader(allowedTestServers(), Duration.ofSeconds(1));

        long start = System.nanoTime();
        NarratorException e = fails(() -> downloader.fetch(url(server, "/drip.mp4"), dest, 1_000, "base_video_url"));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals(ErrorCode.DOWNLOAD_FAILED, e.code());
        assertEquals("timeout", e.details().get("reason"));
        assertTrue(e.getMessage().contains("within 1 s"), e.getMessage());
        assertTrue(elapsedMillis < 3_000, "took " + elapsedMillis + " ms");
        assertFalse(Files.exists(dest));
    }

    @Test
    void errorStatusNamesTheStatus() {
        server.enqueue(new MockResponse.Builder().code(404).body("not here").build());

        NarratorException e = fails(() -> downloader().fetch(url(server, "/gone.mp4"), dest, 1_000, "base_video_url"));

        assertEquals(ErrorCode.DOWNLOAD_FAILED, e.code());
        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
        assertEquals(404, e.details().get("status"));
        assertFalse(Files.exists(dest));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/",
        "http://[::ffff:127.0.0.1]/", "http://0.0.0.0/", "http://localhost/", "http://metadata.google.internal/"})
    void refusesPrivateAddressesWithoutConnecting(String url) {
        NarratorException e = fails(() -> downloader().fetch(url, dest, 1_000, "bgm_url"));

        assertEquals(ErrorCode.DOWNLOAD_FAILED, e.code());
        assertEquals("private_address", e.details().get("reason"));
        assertFalse(Files.exists(dest));
    }

    @Test
    void refusesLoopbackPortsOutsideTheAllowList() {
        NarratorException e = fails(() -> downloader().fetch(url(trap, "/"), dest, 1_000, "bgm_url"));
        assertEquals("private_address", e.details().get("reason"));

        String sameHostByName = "http://localhost:" + server.getPort() + "/";
        e = fails(() -> downloader().fetch(sameHostByName, dest, 1_000, "bgm_url"));
        assertEquals("private_address", e.details().get("reason"));
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void refusesARedirectToTheMetadataService() {
        server.enqueue(new MockResponse.Builder().code(302)
                .addHeader("Location", "http://169.254.169.254/latest/meta-data/").build());

        NarratorException e = fails(() -> downloader().fetch(url(server, "/video.mp4"), dest, 1_000, "base_video_url"));

        assertEquals("private_address", e.details().get("reason"));
        assertEquals(1, server.getRequestCount());
        assertFalse(Files.exists(dest));
    }

    @Test
    void followsARedirectToAnotherAllowedHost() throws Exception {
        server.enqueue(new MockResponse.Builder().code(301).addHeader("Location", url(other, "/real.mp4")).build());
        other.enqueue(new MockResponse.Builder().body("moved bytes").build());

        downloader().fetch(url(server, "/video.mp4"), dest, 1_000, "base_video_url");

        assertEquals("moved bytes", Files.readString(dest));
        assertEquals("/real.mp4", other.takeRequest().getUrl().encodedPath());
    }

    @Test
    void followsRelativeRedirectsButNotForever() throws Exception {
        for (int i = 0; i <= Downloader.MAX_REDIRECTS; i++) {
            server.enqueue(new MockResponse.Builder().code(307).addHeader("Location", "/hop" + i).build());
        }

        NarratorException e = fails(() -> downloader().fetch(url(server, "/start"), dest, 1_000, "bgm_url"));

        assertEquals(ErrorCode.DOWNLOAD_FAILED, e.code());
        assertEquals("redirects", e.details().get("reason"));
        assertEquals(Downloader.MAX_REDIRECTS + 1, server.getRequestCount());
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://example.com/a.mp4", "gopher://example.com/", "not a url"})
    void refusesOtherSchemes(String source) {
        NarratorException e = fails(() -> downloader().fetch(source, dest, 1_000, "bgm_url"));
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
    }

    @Test
    void allowPrivateUrlsReachesLoopback() throws Exception {
        server.enqueue(new MockResponse.Builder().body("lan bytes").build());
        Downloader lenient = downloader(new AddressPolicy(true, Set.of()), DEADLINE);

        lenient.fetch(url(server, "/a.mp3"), dest, 1_000, "bgm_url");

        assertEquals("lan bytes", Files.readString(dest));
    }

    @Test
    void s3LocationsGoThroughTheStore() throws Exception {
        RecordingStore store = new RecordingStore();
        Downloader downloader = new Downloader(store, allowedTestServers(), DEADLINE);

        downloader.fetch("s3://automation-storage/uploads/audio/bgm.mp3", dest, 1_000, "bgm_url");

        assertEquals("automation-storage/uploads/audio/bgm.mp3 <= 1000", store.downloaded);
        assertEquals("from s3", Files.readString(dest));
    }

    @Test
    void s3LocationsNeedS3Storage() {
        LocalObjectStore local = new LocalObjectStore(dir.resolve("store"), URI.create("http://localhost:8080"));
        Downloader downloader = new Downloader(local, allowedTestServers(), DEADLINE);

        NarratorException e = fails(() -> downloader.fetch("s3://bucket/key.mp4", dest, 1_000, "bgm_url"));

        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
        assertEquals("bgm_url: s3:// inputs need S3 storage configured", e.getMessage());
    }

    private Downloader downloader() {
        return downloader(allowedTestServers(), DEADLINE);
    }

    private Downloader downloader(AddressPolicy policy, Duration deadline) {
        ObjectStore local = new LocalObjectStore(dir.resolve("store"), URI.create("http://localhost:8080"));
        return new Downloader(local, policy, deadline,
                Downloader.clientBuilder(deadline).proxy(new TrapEverythingElse()).build());
    }

    /** Strict, except for the two servers that play public hosts. */
    private AddressPolicy allowedTestServers() {
        return new AddressPolicy(false, Set.of(hostPort(server), hostPort(other)));
    }

    private static String hostPort(MockWebServer server) {
        return "127.0.0.1:" + server.getPort();
    }

    private static String url(MockWebServer server, String path) {
        return "http://" + hostPort(server) + path;
    }

    private static NarratorException fails(Runnable download) {
        return assertThrows(NarratorException.class, download::run);
    }

    /** Direct connections only to the allowed servers; anything else lands in the trap. */
    private final class TrapEverythingElse extends ProxySelector {
        @Override
        public List<Proxy> select(URI uri) {
            String hostPort = uri.getHost() + ":" + uri.getPort();
            if (hostPort.equals(hostPort(server)) || hostPort.equals(hostPort(other))) {
                return List.of(Proxy.NO_PROXY);
            }
            return List.of(new Proxy(Proxy.Type.HTTP, trap.getSocketAddress()));
        }

        @Override
        public void connectFailed(URI uri, SocketAddress address, IOException failure) {
            // the assertion on the trap's request count reports it
        }
    }

    /** Writes a fixed body and records what was asked for. */
    private static final class RecordingStore implements ObjectStore {
        String downloaded;

        @Override
        public void download(String bucket, String key, Path dest, long maxBytes, Duration deadline,
                             narrator.pipeline.CancelSignal cancel) {
            downloaded = bucket + "/" + key + " <= " + maxBytes;
            try {
                Files.writeString(dest, "from s3");
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public void checkReadable(String bucket) {
        }

        @Override
        public StoredObject put(String key, Path file, String contentType) {
            throw new UnsupportedOperationException();
        }

        @Override
        public URI presign(String key, Duration ttl) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void get(String key, Path dest, narrator.pipeline.CancelSignal cancel) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean exists(String key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(String key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String describe() {
            return "recording";
        }
    }
}
