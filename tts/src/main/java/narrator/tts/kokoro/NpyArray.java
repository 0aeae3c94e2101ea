package narrator.tts.kokoro;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One NumPy {@code .npy} array of little-endian float32 in C order, the only kind Kokoro's voice
 * files hold. {@link #parse} reads the format: magic, version, header length, then a Python dict
 * literal such as {@code {'descr': '<f4', 'fortran_order': False, 'shape': (510, 1, 256), }}.
 */
record NpyArray(int[] shape, float[] data) {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    NpyArray {
        shape = shape.clone();
    }

    /**
     * @throws IllegalArgumentException naming what is wrong when the bytes are not a float32 .npy
     */
    static NpyArray parse(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10 || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IllegalArgumentException("not a .npy array");
        }
        int major = bytes[6];
        in.position(8);
        // Version 1 stores the header length in 2 bytes; versions 2 and 3 in 4 (3 only changes encoding).
        long headerLength = major == 1 ? Short.toUnsignedInt(in.getShort())
                : major <= 3 && bytes.length >= 12 ? Integer.toUnsignedLong(in.getInt()) : -1;
        if (headerLength < 0 || headerLength > bytes.length - in.position()) {
            throw new IllegalArgumentException("unsupported or truncated .npy header");
        }
        String header = new String(bytes, in.position(), (int) headerLength, StandardCharsets.UTF_8);
        in.position(in.position() + (int) headerLength);

        String descr = find(DESCR, header, "descr");
        if (!descr.equals("<f4")) {
            throw new IllegalArgumentException("holds " + descr + " values, expected float32 (<f4)");
        }
        if (find(FORTRAN, header, "fortran_order").equals("True")) {
            throw new IllegalArgumentException("is in Fortran order, expected C order");
        }
        int[] shape = parseShape(find(SHAPE, header, "shape"));
        long count = Arrays.stream(shape).asLongStream().reduce(1, Math::multiplyExact);
        if (count * Float.BYTES != in.remaining()) {
            throw new IllegalArgumentException("holds " + in.remaining() + " data bytes, shape "
                    + Arrays.toString(shape) + " needs " + count * Float.BYTES);
        }
        float[] data = new float[(int) count];
        in.asFloatBuffer().get(data);
        return new NpyArray(shape, data);
    }

    private static String find(Pattern pattern, String header, String key) {
        Matcher matcher = pattern.matcher(header);
        if (!matcher.find()) {
            throw new IllegalArgumentException("has no '" + key + "' in its header");
        }
        return matcher.group(1);
    }

    private static int[] parseShape(String tuple) {
        try {
            return Arrays.stream(tuple.split(","))
                    .map(String::strip)
                    .filter(dim -> !dim.isEmpty())
                    .mapToInt(Integer::parseInt)
                    .toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("has a malformed shape (" + tuple + ")", e);
        }
    }
}
