package narrator.pipeline;

/** One sentence to speak and show as subtitles; {@code paragraphEnd} asks for the longer pause after it. */
public record Sentence(String text, boolean paragraphEnd) {
}
