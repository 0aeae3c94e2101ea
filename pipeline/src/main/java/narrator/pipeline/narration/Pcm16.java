package narrator.pipeline.narration;

/** Float samples in [-1, 1] to and from signed 16-bit little-endian PCM, the WAV we write. */
public final class Pcm16 {
    private Pcm16() {
    }

    public static byte[] encode(float[] samples) {
        byte[] out = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            short v = toShort(samples[i]);
            out[2 * i] = (byte) v;
            out[2 * i + 1] = (byte) (v >> 8);
        }
        return out;
    }

    public static short toShort(float sample) {
        // NaN and out-of-range model output are clipped rather than wrapped around.
        return (short) (Float.isNaN(sample) ? 0 : Math.round(Math.max(-1f, Math.min(1f, sample)) * 32767f));
    }

    public static float[] decode(byte[] pcm) {
        float[] samples = new float[pcm.length / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) ((pcm[2 * i] & 0xFF) | (pcm[2 * i + 1] << 8)) / 32768f;
        }
        return samples;
    }
}
