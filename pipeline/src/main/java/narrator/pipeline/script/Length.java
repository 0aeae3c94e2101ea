package narrator.pipeline.script;

/**
 * How much there is to say in a piece of text: Latin-style {@code words} and CJK characters. A word
 * is a run of characters between spaces, CJK characters and CJK or dash punctuation that holds at
 * least one letter or digit, so "3.14", "don't" and "a.b@example.com" are one word each and a lone
 * "—" is none.
 */
record Length(int words, int cjkChars) {
    static Length of(String text) {
        Length[] prefixes = prefixes(text);
        return prefixes[prefixes.length - 1];
    }

    /**
     * {@code result[i]} is the length of {@code text.substring(0, i)}; {@code result[text.length()]} is the
     * whole. The length of {@code text.substring(i)} is the whole minus {@code result[i]} wherever
     * {@code i} does not fall inside a word.
     */
    static Length[] prefixes(String text) {
        Length[] prefixes = new Length[text.length() + 1];
        int words = 0;
        int cjkChars = 0;
        boolean inWord = false;
        boolean counted = false;
        prefixes[0] = new Length(0, 0);
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (CjkText.isCjkLetter(codePoint)) {
                cjkChars++;
                inWord = false;
            } else if (Character.isWhitespace(codePoint) || CjkText.isCjkPunctuation(codePoint) || isDash(codePoint)) {
                inWord = false;
            } else {
                if (!inWord) {
                    inWord = true;
                    counted = false;
                }
                if (!counted && Character.isLetterOrDigit(codePoint)) {
                    words++;
                    counted = true;
                }
            }
            int next = i + Character.charCount(codePoint);
            Length length = new Length(words, cjkChars);
            for (int j = i + 1; j <= next; j++) {
                prefixes[j] = length;
            }
            i = next;
        }
        return prefixes;
    }

    boolean isEmpty() {
        return words == 0 && cjkChars == 0;
    }

    Length plus(Length other) {
        return new Length(words + other.words, cjkChars + other.cjkChars);
    }

    Length minus(Length other) {
        return new Length(words - other.words, cjkChars - other.cjkChars);
    }

    private static boolean isDash(int codePoint) {
        return codePoint == '—' || codePoint == '–';
    }
}
