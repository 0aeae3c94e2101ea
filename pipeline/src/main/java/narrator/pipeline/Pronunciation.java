package narrator.pipeline;

/**
 * How a stretch of a sentence's text is said instead of as written: a respelling ({@code engine x})
 * or, when {@code ipa}, phonemes for the voices that take them. The captions keep the written text.
 */
public record Pronunciation(TextSpan span, String spoken, boolean ipa) {
}
