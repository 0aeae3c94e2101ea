package narrator.app.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalObjectStoreTest {
    @TempDir
    Path dir;

    private Path root;
    private LocalObjectStore store;

    @BeforeEach
    void setUp() {
        root = dir.resolve("store");
        store = new LocalObjectStore(root, URI.create("http://narrator.example:8080/"));
    }

    @Test
    void putsFilesWhereTheServedRouteFindsThem() throws Exception {
        Path file = Files.writeString(dir.resolve("voice.wav"), "RIFF....");
        StoredObject stored = store.put("uploads/voiceovers/id-voice.wav", file, "audio/wav");

        assertEquals(new StoredObject("uploads/voiceovers/id-voice.wav",
                "http://narrator.example:8080/files/uploads/voiceovers/id-voice.wav", 8), stored);
        Path served = store.resolve("uploads/voiceovers/id-voice.wav").orElseThrow();
        assertEquals(root.resolve("uploads/voiceovers/id-voice.wav"), served);
        assertEquals("RIFF....", Files.readString(served));
        assertTrue(store.exists("uploads/voiceovers/id-voice.wav"));
        assertEquals(URI.create(stored.location()), store.presign(stored.key(), Duration.ofMinutes(5)));
        try (var files = Files.list(served.getParent())) {
            assertEquals(1, files.count(), "no temp file left behind");
        }
    }

    @Test
    void replacesAnExistingObject() throws Exception {
        store.put("a/b.txt", Files.writeString(dir.resolve("1"), "first"), "text/plain");
        store.put("a/b.txt", Files.writeString(dir.resolve("2"), "second!"), "text/plain");
        assertEquals("second!", Files.readString(store.resolve("a/b.txt").orElseThrow()));
    }

    @Test
    void encodesKeysInUrls() throws Exception {
        StoredObject stored = store.put("a/my file.txt", Files.writeString(dir.resolve("f"), "x"), "text/plain");
        assertEquals("http://narrator.example:8080/files/a/my%20file.txt", stored.location());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escape.txt", "a/../../escape.txt", "/etc/passwd", "a//b", "a/./b", "a\\b", "", "a/"})
    void refusesKeysThatCouldLeaveTheRoot(String key) throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "x");
        NarratorException e = assertThrows(NarratorException.class, () -> store.put(key, file, "text/plain"));
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
        assertEquals(Optional.empty(), store.resolve(key));
        assertFalse(Files.exists(dir.resolve("escape.txt")));
    }

    @Test
    void missingKeysResolveToNothing() {
        assertEquals(Optional.empty(), store.resolve("uploads/none.mp4"));
        assertFalse(store.exists("uploads/none.mp4"));
    }

    @Test
    void s3InputsNeedS3Storage() {
        NarratorException e = assertThrows(NarratorException.class,
                () -> store.download("bucket", "key", dir.resolve("out"), 100));
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
        assertEquals("s3:// inputs need S3 storage configured", e.getMessage());
    }
}
