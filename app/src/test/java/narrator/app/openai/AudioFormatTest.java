package narrator.app.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AudioFormatTest {
    @Test
    void compressedFormatsAreEncodedByOneFfmpegReadingPcmOnStdin() {
        assertEquals(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "s16le", "-ar", "24000", "-ac", "1",
                "-i", "pipe:0", "-c:a", "libmp3lame", "-b:a", "64k", "-flush_packets", "1", "-f", "mp3", "pipe:1"),
                AudioFormat.MP3.encoder().orElseThrow());
        assertEquals(List.of("-c:a", "libopus", "-b:a", "32k", "-flush_packets", "1", "-f", "ogg", "pipe:1"),
                AudioFormat.OPUS.encoder().orElseThrow().subList(12, 21));
        assertEquals(Optional.empty(), AudioFormat.PCM.encoder());
        assertEquals(Optional.empty(), AudioFormat.WAV.encoder());
    }

    @Test
    void onlyWavHasAPreamble() {
        assertEquals(44, AudioFormat.WAV.preamble().length);
        assertTrue(AudioFormat.PCM.preamble().length == 0 && AudioFormat.MP3.preamble().length == 0);
        assertEquals(Optional.of(AudioFormat.FLAC), AudioFormat.of("flac"));
        assertEquals(Optional.empty(), AudioFormat.of("FLAC"), "OpenAI's names are lower case");
    }
}
