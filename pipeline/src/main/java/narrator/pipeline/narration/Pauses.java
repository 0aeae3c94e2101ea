package narrator.pipeline.narration;

/** Silence inserted after a sentence, longer at a paragraph end. */
public record Pauses(double sentenceSeconds, double paragraphSeconds) {
    public static final Pauses DEFAULT = new Pauses(0.35, 0.8);

    public Pauses {
        if (sentenceSeconds < 0 || paragraphSeconds < 0 || sentenceSeconds > 10 || paragraphSeconds > 10) {
            throw new IllegalArgumentException("pauses must be between 0 and 10 seconds");
        }
    }

    public long samplesAfter(boolean paragraphEnd, int sampleRate) {
        return Math.round((paragraphEnd ? paragraphSeconds : sentenceSeconds) * sampleRate);
    }
}
