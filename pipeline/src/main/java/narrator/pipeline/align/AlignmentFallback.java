package narrator.pipeline.align;

/** What a job does when its voiceover cannot be trusted to match the script (ALIGNMENT_FALLBACK). */
public enum AlignmentFallback {
    /** Spread the script's timing evenly over the recording, with a warning. */
    STRETCH,
    /** Fail the job with VOICEOVER_MISMATCH. */
    FAIL
}
