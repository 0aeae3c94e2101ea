package narrator.tts;

/** Where the voice began a word: {@code textIndex} is the word's first char in the spoken text, {@code sample} its first sample. */
public record WordMark(int textIndex, long sample) {
}
