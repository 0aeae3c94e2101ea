package narrator.pipeline.script;

/** Punctuation classes shared by the sentence breaker and the long-sentence splitter. */
final class Marks {
    private Marks() {
    }

    /** Ends a sentence: . ! ? … and their CJK, fullwidth and combined forms. */
    static boolean isEndMark(char c) {
        return switch (c) {
            case '.', '!', '?', '…', '‼', '⁇', '⁈', '⁉' -> true;
            default -> isCjkEndMark(c);
        };
    }

    /** A CJK end mark: ends the sentence even with no space after it, since CJK text has none. */
    static boolean isCjkEndMark(char c) {
        return c == '。' || c == '！' || c == '？' || c == '．' || c == '｡';
    }

    /** Separates clauses: a natural place to cut a long sentence. */
    static boolean isClauseMark(char c) {
        return switch (c) {
            case ',', ';', ':', '—', '–', '!', '?', '，', '、', '；', '：', '。', '！', '？' -> true;
            default -> false;
        };
    }

    /** Closes a quotation or bracket; after an end mark it still belongs to the sentence. */
    static boolean isCloser(char c) {
        int type = Character.getType(c);
        return c == '"' || c == '\'' || type == Character.END_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION;
    }

    /** Opens a quotation or bracket, or is Spanish inverted punctuation. */
    static boolean isOpener(char c) {
        int type = Character.getType(c);
        return c == '"' || c == '\'' || c == '¿' || c == '¡'
                || type == Character.START_PUNCTUATION || type == Character.INITIAL_QUOTE_PUNCTUATION;
    }

    /** The index of the first character at or after {@code from} that is not an opener. */
    static int skipOpeners(String text, int from) {
        int i = from;
        while (i < text.length() && isOpener(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
