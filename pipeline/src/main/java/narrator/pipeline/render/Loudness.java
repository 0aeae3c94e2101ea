package narrator.pipeline.render;

/** A loudness target for FFmpeg's {@code loudnorm}: integrated LUFS, true peak dBTP, loudness range LU. */
public record Loudness(double integratedLufs, double truePeakDbtp, double range) {
    /** What the video platforms normalise to (YouTube, Instagram, TikTok play back at about -14 LUFS). */
    public static final Loudness STREAMING = new Loudness(-14, -1.5, 11);

    public Loudness {
        // loudnorm's own limits
        RenderSpec.check(integratedLufs >= -70 && integratedLufs <= -5, "loudness must be between -70 and -5 LUFS");
        RenderSpec.check(truePeakDbtp >= -9 && truePeakDbtp <= 0, "true peak must be between -9 and 0 dBTP");
        RenderSpec.check(range >= 1 && range <= 50, "loudness range must be between 1 and 50 LU");
    }
}
