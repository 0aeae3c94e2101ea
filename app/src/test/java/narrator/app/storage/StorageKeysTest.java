package narrator.app.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import org.junit.jupiter.api.Test;

class StorageKeysTest {
    private static final String ID = "550e8400-e29b-41d4-a716-446655440000";

    @Test
    void followsTheReferenceLayout() {
        StorageKeys keys = new StorageKeys(null);
        assertEquals("uploads/voiceovers/" + ID + "-voice.wav", keys.voiceover(ID));
        assertEquals("uploads/subtitles/" + ID + "-subs.ass", keys.subtitlesAss(ID));
        assertEquals("uploads/subtitles/" + ID + "-subs.srt", keys.subtitlesSrt(ID));
        assertEquals("uploads/subtitles/" + ID + "-subs.vtt", keys.subtitlesVtt(ID));
        assertEquals("uploads/renders/" + ID + "-final.mp4", keys.finalVideo(ID));
        assertEquals("uploads/thumbnails/" + ID + "-thumbnail.jpg", keys.thumbnail(ID));
    }

    @Test
    void thumbnailPrefixIsConfigurable() {
        assertEquals("media/thumbs/x-thumbnail.jpg", new StorageKeys("/media/thumbs/").thumbnail("x"));
        assertEquals("uploads/thumbnails/x-thumbnail.jpg", new StorageKeys("  ").thumbnail("x"));
    }

    @Test
    void prefixesCoverEveryKey() {
        StorageKeys keys = new StorageKeys("/media/thumbs/");
        assertEquals(java.util.List.of("uploads/voiceovers/", "uploads/subtitles/", "uploads/renders/", "media/thumbs/",
                "segments/"), keys.prefixes());
        for (String key : java.util.List.of(keys.voiceover("x"), keys.subtitlesAss("x"), keys.subtitlesSrt("x"),
                keys.subtitlesVtt("x"), keys.finalVideo("x"), keys.thumbnail("x"), keys.segment("x", 3, "0123456789abcdef0123"),
                keys.segmentInput("x", "0123abcd.mp4"))) {
            assertEquals(1, keys.prefixes().stream().filter(key::startsWith).count(), key);
        }
    }

    @Test
    void refusesIdsThatWouldLeaveTheirPrefix() {
        StorageKeys keys = new StorageKeys(null);
        assertThrows(IllegalArgumentException.class, () -> keys.finalVideo("../etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> keys.finalVideo("a/b"));
        assertThrows(IllegalArgumentException.class, () -> keys.finalVideo(""));
    }

    @Test
    void parsesS3Locations() {
        S3Location location = S3Location.parse("s3://automation-storage/uploads/audio/my bgm.mp3");
        assertEquals(new S3Location("automation-storage", "uploads/audio/my bgm.mp3"), location);
        assertEquals("s3://automation-storage/uploads/audio/my bgm.mp3", location.toString());
        for (String bad : new String[] {"s3://bucket", "s3://bucket/", "s3:///key", "https://bucket/key"}) {
            NarratorException e = assertThrows(NarratorException.class, () -> S3Location.parse(bad), bad);
            assertEquals(ErrorCode.INVALID_REQUEST, e.code());
        }
    }
}
