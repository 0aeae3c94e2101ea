package narrator.pipeline.subtitles;

/**
 * A piece of text that is never broken across lines: a word, one CJK character, or one character of a word
 * too long for a line. {@code word} is the index of the spoken word it belongs to; {@code spaceBefore} says
 * whether a space separates it from the unit before.
 */
record Unit(String text, boolean spaceBefore, int word) {
}
