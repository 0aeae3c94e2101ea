package narrator.pipeline.render;

/**
 * How a render brings its mix to the loudness target: one value, never a flag plus a gain.
 * {@link Measure} is what a spec starts with; {@link LoudnessLeveler} measures the mix and turns it
 * into {@link Gain}. {@link Loudnorm} is FFmpeg's dynamic {@code loudnorm}, the fallback.
 */
public sealed interface Leveling {
    Loudness target();

    /** To be measured before the render (rendered as is, it is a gain of 0 dB under the limiter). */
    record Measure(Loudness target) implements Leveling {
    }

    /** The measured static gain, applied under a sample-peak limiter. */
    record Gain(Loudness target, double gainDb) implements Leveling {
        public Gain {
            RenderSpec.check(Double.isFinite(gainDb), "gain must be a finite number of dB");
        }
    }

    /** FFmpeg's dynamic {@code loudnorm} inside the render. */
    record Loudnorm(Loudness target) implements Leveling {
    }

    /** The same method aimed at {@code newTarget}. */
    default Leveling withTarget(Loudness newTarget) {
        if (this instanceof Gain g) {
            return new Gain(newTarget, g.gainDb());
        }
        return this instanceof Loudnorm ? new Loudnorm(newTarget) : new Measure(newTarget);
    }
}
