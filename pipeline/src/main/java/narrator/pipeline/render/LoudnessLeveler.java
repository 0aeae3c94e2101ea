package narrator.pipeline.render;

import java.util.function.DoubleConsumer;
import narrator.pipeline.CancelSignal;

/**
 * Works out the static gain that brings a render's mix to its loudness target, so the render itself
 * usually needs no {@code loudnorm}.
 *
 * <p>Why: single-pass {@code loudnorm} (dynamic mode) resamples to 192 kHz inside the render and was
 * measured at ~110 MB of FFmpeg's peak RSS (1080x1920 veryfast: 441 MB with it, 330 MB without) and
 * ~1.5 s CPU per minute. But everything in the mix is known before the render: the voice file is
 * finished and the music, its gain, fades and ducking are fixed. So the very mix graph the render will
 * run is measured first by {@link LoudnessMeter} (audio only: ~0.3 s per minute of output), and the
 * render applies {@code volume=GAINdB} and a sample-peak limiter instead.
 *
 * <p>How:
 * <ol>
 *   <li>Measure the raw mix: integrated loudness I and true peak P. The gain is {@code target - I}.
 *   <li>If {@code P + gain} stays under the limiter's ceiling the limiter never acts and the gain is
 *       exact (up to the AAC encoder). Measured mixes whose peaks sit close to their loudness take
 *       this path.
 *   <li>Otherwise the limiter shaves peaks, which lowers the loudness (measured 0.6 LU for espeak
 *       speech raised 7 dB). The mix is measured once more with gain and limiter applied and the
 *       shortfall added to the gain. The added gain makes the limiter shave a little more, so about
 *       half the measured loss remains: on 49-60 s of espeak speech, alone, 20 dB quieter, or with
 *       ducked music, the encoded file reads -14.2 to -14.4 LUFS for a -14 target.
 * </ol>
 * Limit: a signal whose loudness comes from its peaks themselves (a synthetic burst train, not speech)
 * loses most added gain to the limiter and ends short: measured -16.0 LUFS, and -15.7 with
 * {@code loudnorm}, which does no better there.
 * The ceiling sits {@value #TRUE_PEAK_MARGIN_DB} dB under the true-peak target: alimiter limits
 * sample peaks, and the AAC encoder was measured adding up to 0.5 dB of true peak on top.
 * Because the measurement is of the real mix rather than an estimate from the voice and music
 * separately, music much louder than the voice, or ducking that does not engage for a quiet voice,
 * is measured as it is. {@code loudnorm} remains available as {@link Leveling.Loudnorm}.
 */
public final class LoudnessLeveler {
    static final double TRUE_PEAK_MARGIN_DB = 0.75;

    private final LoudnessMeter meter;

    public LoudnessLeveler(LoudnessMeter meter) {
        this.meter = meter;
    }

    /**
     * {@code spec} with the gain that brings its mix to the target. A silent mix keeps gain 0: no gain
     * brings silence to a target.
     */
    public RenderSpec level(RenderSpec spec) {
        return level(spec, fraction -> { }, CancelSignal.none());
    }

    /**
     * As {@link #level(RenderSpec)}, reporting the share (0 to 1) of the leveling done: the first
     * measurement is the first half, the second (when the limiter acts) the other half.
     */
    public RenderSpec level(RenderSpec spec, DoubleConsumer onProgress, CancelSignal cancel) {
        Loudness target = spec.audio().leveling().target();
        LoudnessMeter.Reading raw = meter.measure(spec, "", f -> onProgress.accept(f / 2), cancel);
        if (raw.silent()) {
            onProgress.accept(1);
            return spec.withLeveling(new Leveling.Gain(target, 0));
        }
        double gain = gain(target, raw);
        if (!limiterActs(target, raw, gain)) {
            onProgress.accept(1);
            return spec.withLeveling(new Leveling.Gain(target, gain));
        }
        double loss = gain(target, meter.measure(spec, FfmpegCommand.gainAndLimiter(gain, target),
                f -> onProgress.accept(0.5 + f / 2), cancel));
        return spec.withLeveling(new Leveling.Gain(target, gain + loss));
    }

    static double gain(Loudness target, LoudnessMeter.Reading reading) {
        return target.integratedLufs() - reading.integratedLufs();
    }

    static boolean limiterActs(Loudness target, LoudnessMeter.Reading raw, double gainDb) {
        return raw.truePeakDbtp() + gainDb > ceilingDb(target);
    }

    /** The limiter's ceiling in dBFS. */
    static double ceilingDb(Loudness target) {
        return target.truePeakDbtp() - TRUE_PEAK_MARGIN_DB;
    }
}
