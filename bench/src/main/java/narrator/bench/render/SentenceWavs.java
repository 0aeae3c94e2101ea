package narrator.bench.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import narrator.pipeline.Narration;

/**
 * Cuts the narration back into one WAV per sentence, the form the reference service synthesized into,
 * so the multi-pass baseline starts from the same speech. Each piece runs from its sentence's start to
 * the next one's (the pause goes with the sentence before it), so the pieces joined are the voice track.
 */
final class SentenceWavs {
    /** The plain 44-byte header {@code NarrationBuilder} writes; the samples follow it. */
    static final int HEADER_BYTES = 44;

    private SentenceWavs() {
    }

    static List<Path> write(Narration narration, Path dir) {
        List<Path> wavs = new ArrayList<>();
        try (FileChannel voice = FileChannel.open(narration.wav(), StandardOpenOption.READ)) {
            var sentences = narration.sentences();
            for (int i = 0; i < sentences.size(); i++) {
                long from = i == 0 ? 0 : sentences.get(i).startSample();
                long to = i + 1 < sentences.size() ? sentences.get(i + 1).startSample() : narration.totalSamples();
                ByteBuffer pcm = ByteBuffer.allocate(Math.toIntExact((to - from) * 2));
                while (pcm.hasRemaining() && voice.read(pcm, HEADER_BYTES + from * 2 + pcm.position()) >= 0) {
                    // a file channel may return fewer bytes than asked for
                }
                Path wav = dir.resolve(String.format("sentence-%03d.wav", i + 1));
                Files.write(wav, concat(header(narration.sampleRate(), to - from), pcm.array()));
                wavs.add(wav);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot cut " + narration.wav() + " into sentences", e);
        }
        return wavs;
    }

    /** 16-bit mono PCM WAV header for {@code samples} samples. */
    static byte[] header(int sampleRate, long samples) {
        long data = samples * 2;
        return ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN)
                .put("RIFF".getBytes()).putInt((int) (36 + data)).put("WAVEfmt ".getBytes())
                .putInt(16).putShort((short) 1).putShort((short) 1).putInt(sampleRate).putInt(sampleRate * 2)
                .putShort((short) 2).putShort((short) 16).put("data".getBytes()).putInt((int) data)
                .array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
