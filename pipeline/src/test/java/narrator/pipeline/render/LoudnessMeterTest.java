package narrator.pipeline.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.CancelSignal;

class LoudnessMeterTest {
    private static final int RATE = 22050;

    @TempDir
    Path dir;

    private final LoudnessMeter meter = new LoudnessMeter(new FfmpegRunner());

    @Test
    void readsTheLastSummaryOnly() {
        List<String> stderr = """
                [Parsed_ebur128_9 @ 0x55] Summary:

                  Integrated loudness:
                    I:         -70.0 LUFS
                    Threshold:   0.0 LUFS

                  True peak:
                    Peak:       -inf dBFS
                [Parsed_ebur128_9 @ 0x56] Summary:

                  Integrated loudness:
                    I:         -20.8 LUFS
                    Threshold: -31.1 LUFS

                  Loudness range:
                    LRA:         5.9 LU
                    Threshold: -41.3 LUFS
                    LRA low:   -24.0 LUFS
                    LRA high:  -18.1 LUFS

                  True peak:
                    Peak:       -4.0 dBFS
                """.lines().toList();

        assertEquals(new LoudnessMeter.Reading(-20.8, -4.0), LoudnessMeter.parse(stderr));
    }

    @Test
    void noSummaryIsAFailedRender() {
        NarratorException e = assertThrows(NarratorException.class,
                () -> LoudnessMeter.parse(List.of("voice.wav: Invalid data found when processing input")));

        assertEquals(ErrorCode.RENDER_FAILED, e.code());
        assertTrue(e.getMessage().contains("Invalid data"), e.getMessage());
    }

    @Test
    void measuresTheRendersMixWithoutThePicture() {
        RenderSpec spec = RenderSpec.builder(Path.of("/w/voice.wav"), 4, Path.of("/w/out.mp4"))
                .music(Path.of("/w/music.m4a")).ducking(false).musicFades(0, 0).build();

        assertEquals(List.of("ffmpeg", "-hide_banner", "-nostdin", "-nostats", "-loglevel", "info",
                "-progress", "pipe:1", "-i", "/w/voice.wav", "-stream_loop", "-1", "-i", "/w/music.m4a",
                "-filter_complex", "[0:a]aresample=48000:ochl=stereo,apad=whole_dur=4.5[voice];"
                        + "[1:a]aresample=48000:ochl=stereo,volume=0.2,afade=t=in:st=0:d=0,afade=t=out:st=4.5:d=0[bed];"
                        + "[voice][bed]amix=inputs=2:duration=first:normalize=0,volume=3dB,"
                        + "ebur128=peak=true:framelog=verbose",
                "-t", "4.5", "-f", "null", "-"), LoudnessMeter.argv(spec, "volume=3dB"));
    }

    @Test
    void aOneKilohertzSineAtMinus23DbfsMeasuresAsEbuTestCaseOneAfterTheUpmix() throws IOException {
        // EBU Tech 3341 case 1: a stereo 1 kHz sine at -23 dBFS reads -23 LUFS. The render upmixes the
        // mono voice into both channels at -3 dB each, so the mix the render encodes reads -26 LUFS.
        Path wav = sineWav(Math.pow(10, -23 / 20.0), 5);

        LoudnessMeter.Reading reading = meter.measure(RenderSpec.builder(wav, 5, dir.resolve("o.mp4")).build(), "");

        assertEquals(-26.0, reading.integratedLufs(), 0.2);
        assertEquals(-26.0, reading.truePeakDbtp(), 0.3);
        assertFalse(reading.silent());
    }

    @Test
    void aFinishedFilesOwnAudioIsMeasuredAsItIs() throws IOException {
        // A mono file is one channel to ebur128: a 1 kHz sine at -23 dBFS reads 3 LU under EBU case 1's -23.
        Path wav = sineWav(Math.pow(10, -23 / 20.0), 5);

        LoudnessMeter.Reading reading = meter.measureFile(wav);

        assertEquals(-26.0, reading.integratedLufs(), 0.2);
        assertEquals(-23.0, reading.truePeakDbtp(), 0.3);
    }

    @Test
    void aCancelStopsTheMeasurementWithinASecondOrTwo() throws IOException {
        // 20 minutes of voice: the measurement runs for many seconds; the cancel comes at its first progress.
        Path wav = sineWav(0.1, 1200);
        CancelSignal cancel = new CancelSignal();
        long[] cancelledAt = {0};

        NarratorException e = assertThrows(NarratorException.class, () -> meter.measure(
                RenderSpec.builder(wav, 1200, dir.resolve("o.mp4")).build(), "", fraction -> {
                    if (cancelledAt[0] == 0 && fraction > 0) {
                        cancelledAt[0] = System.nanoTime();
                        cancel.cancel();
                    }
                }, cancel));
        long stoppedAfterMillis = (System.nanoTime() - cancelledAt[0]) / 1_000_000;

        assertEquals(ErrorCode.CANCELLED, e.code());
        assertTrue(cancelledAt[0] != 0, "the measurement reported progress");
        assertTrue(stoppedAfterMillis < 2_000, "stopped " + stoppedAfterMillis + " ms after the cancel");
    }

    @Test
    void silenceIsRecognised() throws IOException {
        Path wav = sineWav(0, 2);

        assertTrue(meter.measure(RenderSpec.builder(wav, 2, dir.resolve("o.mp4")).build(), "").silent());
    }

    private Path sineWav(double amplitude, double seconds) throws IOException {
        int samples = (int) Math.round(seconds * RATE);
        ByteBuffer wav = ByteBuffer.allocate(44 + 2 * samples).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes()).putInt(36 + 2 * samples).put("WAVEfmt ".getBytes())
                .putInt(16).putShort((short) 1).putShort((short) 1).putInt(RATE).putInt(2 * RATE)
                .putShort((short) 2).putShort((short) 16).put("data".getBytes()).putInt(2 * samples);
        for (int i = 0; i < samples; i++) {
            wav.putShort((short) Math.round(32767 * amplitude * Math.sin(2 * Math.PI * 1000 * i / RATE)));
        }
        return Files.write(dir.resolve("sine-" + amplitude + ".wav"), wav.array());
    }
}
