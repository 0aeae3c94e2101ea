package narrator.tts.kokoro;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes float32 arrays as NumPy writes them: {@code .npy} version 1.0 entries in a zip. */
final class NpzWriter {
    private NpzWriter() {
    }

    /** {@code deflated} false stores entries as {@code numpy.savez} does; true as {@code savez_compressed}. */
    static Path write(Path file, Map<String, NpyArray> arrays, boolean deflated) {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String name : arrays.keySet().stream().sorted().toList()) {
                byte[] npy = npy(arrays.get(name));
                ZipEntry entry = new ZipEntry(name + ".npy");
                if (!deflated) {
                    CRC32 crc = new CRC32();
                    crc.update(npy);
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(npy.length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(npy);
                zip.closeEntry();
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] npy(NpyArray array) {
        return npy("<f4", array.shape(), array.data());
    }

    /** Any descr, so tests can write arrays the reader must reject. */
    static byte[] npy(String descr, int[] shape, float[] data) {
        String dims = Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        String tuple = shape.length == 1 ? "(" + dims + ",)" : "(" + dims + ")";
        StringBuilder header = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': "
                + tuple + ", }");
        // NumPy pads the header with spaces and a newline so the data starts 64-byte aligned.
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        ByteBuffer buffer = ByteBuffer.allocate(10 + header.length() + data.length * Float.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        buffer.putShort((short) header.length());
        buffer.put(header.toString().getBytes(StandardCharsets.US_ASCII));
        buffer.asFloatBuffer().put(data);
        return buffer.array();
    }
}
