package narrator.pipeline.render;

/**
 * Escapes text for FFmpeg's filter-graph syntax. A value passes through two parsers, both built on
 * {@code av_get_token}: the graph parser splits filters on {@code [ ] , ;} and the filter's option
 * parser splits options on {@code :}. Each strips one level of backslashes and quotes, so a value is
 * escaped for the option level first and the result again for the graph level.
 *
 * <p>Whitespace is escaped too because {@code av_get_token} trims unescaped whitespace at both ends.
 */
final class FilterEscaping {
    private static final String OPTION_SPECIALS = "\\':";
    private static final String GRAPH_SPECIALS = "\\'[],;";

    private FilterEscaping() {
    }

    /** A filter option value (such as a file name) ready to sit inside {@code -filter_complex}. */
    static String optionValue(String value) {
        return escape(escape(value, OPTION_SPECIALS), GRAPH_SPECIALS);
    }

    static String escape(String value, String specials) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (specials.indexOf(c) >= 0 || Character.isWhitespace(c)) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
