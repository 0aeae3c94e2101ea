package narrator.app.voices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import narrator.app.voices.VoiceManifest.VoiceFile;
import narrator.app.voices.VoiceManifest.VoicePackage;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VoiceFetcherTest {
    private static final byte[] MODEL = "pretend onnx model bytes".getBytes();

    @TempDir
    Path dir;

    private HttpServer server;
    private final AtomicInteger downloads = new AtomicInteger();
    private final PrintStream log = new PrintStream(new ByteArrayOutputStream());

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/model.onnx", exchange -> {
            downloads.incrementAndGet();
            exchange.sendResponseHeaders(200, MODEL.length);
            exchange.getResponseBody().write(MODEL);
            exchange.close();
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/model.onnx");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private VoicePackage voice(String path, String sha256, long size) {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + path;
        return new VoicePackage("piper:test", "piper", List.of("piper:test"), "en-us", "test", "MIT",
                List.of(new VoiceFile("test.onnx", url, sha256, size)));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void installsAVerifiedFileFollowingRedirectsAndSkipsItNextTime() throws Exception {
        VoicePackage voice = voice("/moved", sha256(MODEL), MODEL.length);
        VoiceFetcher fetcher = new VoiceFetcher(Duration.ofSeconds(10));
        fetcher.fetch(voice, dir, log);
        assertArrayEquals(MODEL, Files.readAllBytes(dir.resolve("test.onnx")));

        fetcher.fetch(voice, dir, log);
        assertEquals(1, downloads.get(), "an installed, verified file is not downloaded again");
    }

    @Test
    void checksumMismatchInstallsNothing() throws Exception {
        VoicePackage voice = voice("/model.onnx", sha256("other".getBytes()), MODEL.length);
        NarratorException e = assertThrows(NarratorException.class,
                () -> new VoiceFetcher(Duration.ofSeconds(10)).fetch(voice, dir, log));
        assertEquals(ErrorCode.DOWNLOAD_FAILED, e.code());
        assertTrue(e.getMessage().contains("failed verification"), e.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "no model and no partial file left behind");
        }
    }

    @Test
    void sizeMismatchIsRefusedToo() throws Exception {
        VoicePackage voice = voice("/model.onnx", sha256(MODEL), MODEL.length + 1);
        assertThrows(NarratorException.class, () -> new VoiceFetcher(Duration.ofSeconds(10)).fetch(voice, dir, log));
        assertFalse(Files.exists(dir.resolve("test.onnx")));
    }

    @Test
    void missingChecksumAndHttpErrorsAreClear() throws Exception {
        NarratorException unverified = assertThrows(NarratorException.class,
                () -> new VoiceFetcher(Duration.ofSeconds(10)).fetch(voice("/model.onnx", null, MODEL.length), dir, log));
        assertTrue(unverified.getMessage().contains("no checksum"), unverified.getMessage());

        NarratorException notFound = assertThrows(NarratorException.class, () -> new VoiceFetcher(Duration.ofSeconds(10))
                .fetch(voice("/nothing-here", sha256(MODEL), MODEL.length), dir, log));
        assertTrue(notFound.getMessage().contains("HTTP 404"), notFound.getMessage());
    }

    @Test
    void unreachableHostSaysSoInWords() {
        VoicePackage voice = new VoicePackage("piper:x", "piper", List.of(), "en-us", "", "", List.of(
                new VoiceFile("x.onnx", "http://127.0.0.1:1/x.onnx", "00", 1)));
        NarratorException e = assertThrows(NarratorException.class,
                () -> new VoiceFetcher(Duration.ofSeconds(5)).fetch(voice, dir, log));
        assertTrue(e.getMessage().contains("cannot connect to 127.0.0.1"), e.getMessage());
    }

    @Test
    void theShippedManifestListsTheDefaultVoiceWithChecksums() {
        VoiceManifest manifest = VoiceManifest.read(Path.of("..", "models", "manifest.json"));
        VoicePackage voice = manifest.find(manifest.defaultVoice()).orElseThrow();
        assertEquals("piper:en_US-lessac-medium", voice.id());
        assertTrue(voice.files().stream().allMatch(f -> f.sha256() != null && f.sha256().matches("[0-9a-f]{64}")));
    }
}
