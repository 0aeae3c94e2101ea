package narrator.pipeline.subtitles;

/**
 * Makes script text inert in an ASS Dialogue line, so that it is drawn literally and can never become an
 * override block, a tag or a line break.
 *
 * <ul>
 *   <li>{@code {} and {@code }} become fullwidth ｛ ｝: with no ASCII brace left, no override block can
 *       open. libass 0.17 also understands {@code \{}, but VSFilter-based players do not, and for them
 *       the brace would open a block again; the fullwidth forms are inert everywhere.</li>
 *   <li>{@code \} is followed by U+2060 WORD JOINER, which separates it from the next character so that
 *       {@code \N}, {@code \n} and {@code \h} lose their meaning; libass draws a plain backslash and
 *       nothing for the joiner (checked by rendering with FFmpeg 5.1 / libass 0.17.1).</li>
 *   <li>Line breaks and other control characters become spaces; the Text field is the last one, so
 *       commas need nothing.</li>
 * </ul>
 */
final class AssText {
    static final char WORD_JOINER = '\u2060';

    private AssText() {
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '{' -> out.append('｛');
                case '}' -> out.append('｝');
                case '\\' -> out.append('\\').append(WORD_JOINER);
                default -> out.append(Character.isISOControl(c) ? ' ' : c);
            }
        }
        return out.toString();
    }
}
