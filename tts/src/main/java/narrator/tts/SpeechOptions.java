package narrator.tts;

/**
 * How to speak: {@code speed} 1.0 is the voice's natural rate, 2.0 twice as fast (allowed 0.25..4);
 * {@code speaker} picks a speaker of a multi-speaker voice by name or number, or is null for the
 * voice's default.
 */
public record SpeechOptions(double speed, String speaker) {
    public static final SpeechOptions DEFAULT = new SpeechOptions(1.0, null);

    public SpeechOptions {
        if (!(speed >= 0.25 && speed <= 4.0)) {
            throw new IllegalArgumentException("speed must be between 0.25 and 4.0");
        }
    }

    public SpeechOptions withSpeed(double newSpeed) {
        return new SpeechOptions(newSpeed, speaker);
    }
}
