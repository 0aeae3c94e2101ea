package narrator.pipeline.align;

import java.util.Optional;

/**
 * How a provided voiceover's captions were timed: {@code dtw} (aligned to the recording) or
 * {@code stretch} (the script's timing spread evenly over it, because the alignment was not trusted),
 * the alignment's confidence, and a warning for the caller when captions may be off.
 */
public record AlignmentReport(String method, double confidence, Optional<String> warning) {
    public static final String DTW = "dtw";
    public static final String STRETCH = "stretch";
}
