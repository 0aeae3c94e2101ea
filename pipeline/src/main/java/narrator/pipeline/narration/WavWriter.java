package narrator.pipeline.narration;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.BufferedOutputStream;

/**
 * Streams 16-bit mono PCM into a WAV file so a long narration never sits in memory; the RIFF sizes
 * are patched in on close, when the sample count is known.
 */
final class WavWriter implements AutoCloseable {
    private static final int HEADER_BYTES = 44;

    private final Path file;
    private final int sampleRate;
    private final OutputStream out;
    private long samples;

    WavWriter(Path file, int sampleRate) throws IOException {
        this.file = file;
        this.sampleRate = sampleRate;
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        out.write(header(sampleRate, 0));
    }

    void writePcm(byte[] pcm16) throws IOException {
        out.write(pcm16);
        samples += pcm16.length / 2;
    }

    void writeSilence(long count) throws IOException {
        byte[] zeros = new byte[8192];
        long remaining = count * 2;
        while (remaining > 0) {
            int n = (int) Math.min(zeros.length, remaining);
            out.write(zeros, 0, n);
            remaining -= n;
        }
        samples += count;
    }

    long samplesWritten() {
        return samples;
    }

    @Override
    public void close() throws IOException {
        out.close();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(0);
            raf.write(header(sampleRate, samples));
        }
    }

    static byte[] header(int sampleRate, long sampleCount) {
        long dataBytes = sampleCount * 2;
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) (36 + dataBytes));
        b.put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(sampleRate).putInt(sampleRate * 2)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) dataBytes);
        return b.array();
    }
}
