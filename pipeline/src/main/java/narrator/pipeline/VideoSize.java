package narrator.pipeline;

import narrator.core.ErrorCode;
import narrator.core.NarratorException;

/** Output frame size in pixels; both sides even, as H.264 with yuv420p requires. */
public record VideoSize(int width, int height) {
    public static final VideoSize PORTRAIT = new VideoSize(1080, 1920);

    public VideoSize {
        if (width < 16 || height < 16 || width > 4096 || height > 4096 || width % 2 != 0 || height % 2 != 0) {
            throw new NarratorException(ErrorCode.INVALID_REQUEST,
                    "size must be WIDTHxHEIGHT with even sides between 16 and 4096, got " + width + "x" + height);
        }
    }

    /** Parses {@code 1080x1920}. */
    public static VideoSize parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            if (parts.length == 2) {
                return new VideoSize(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new NarratorException(ErrorCode.INVALID_REQUEST, "size must look like 1080x1920, got '" + text + "'");
    }

    /** This size divided by {@code factor}, each side rounded down to even and kept at least 16. */
    public VideoSize scaledDown(int factor) {
        return new VideoSize(evenAtLeast16(width / factor), evenAtLeast16(height / factor));
    }

    private static int evenAtLeast16(int side) {
        return Math.max(16, side - side % 2);
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
