package narrator.tts.espeak;

/**
 * One clause as espeak-ng splits text: its IPA and the clause terminator espeak-ng reports for it
 * (its {@code CLAUSE_*} bits from translate.h: pause, intonation, type).
 */
public record EspeakClause(String phonemes, int terminator) {
    static final int INTONATION_COMMA = 0x1000;
    static final int INTONATION_QUESTION = 0x2000;
    static final int INTONATION_EXCLAMATION = 0x3000;
    static final int INTONATION_NONE = 0x4000;
    static final int OPTIONAL_SPACE_AFTER = 0x8000;
    static final int TYPE_EOF = 0x10000;
    static final int TYPE_CLAUSE = 0x40000;
    static final int TYPE_SENTENCE = 0x80000;
    static final int PUNCTUATION_IN_WORD = 0x100000;
    static final int SPEAK_PUNCTUATION_NAME = 0x200000;

    public static final int NONE = INTONATION_NONE;
    public static final int PARAGRAPH = 70 | TYPE_SENTENCE;
    public static final int EOF = 40 | TYPE_SENTENCE | TYPE_EOF;
    public static final int PERIOD = 40 | TYPE_SENTENCE;
    public static final int COMMA = 20 | INTONATION_COMMA | TYPE_CLAUSE;
    public static final int QUESTION = 40 | INTONATION_QUESTION | TYPE_SENTENCE;
    public static final int EXCLAMATION = 45 | INTONATION_EXCLAMATION | TYPE_SENTENCE;
    public static final int COLON = 30 | TYPE_CLAUSE;
    public static final int SEMICOLON = 30 | INTONATION_COMMA | TYPE_CLAUSE;

    /** Bits above these (dot after last word, long pause...) never change what piper appends. */
    private static final int PUNCTUATION_BITS = 0x000FFFFF;

    /**
     * The punctuation piper-phonemize appends after the clause, or 0: only a terminator that is
     * exactly one of the six plain kinds counts (an ellipsis, a dash with a flag, a paragraph do not).
     */
    public char punctuation() {
        return switch (terminator & PUNCTUATION_BITS) {
            case PERIOD -> '.';
            case QUESTION -> '?';
            case EXCLAMATION -> '!';
            case COMMA -> ',';
            case COLON -> ':';
            case SEMICOLON -> ';';
            default -> 0;
        };
    }

    /** Whether the sentence ends after this clause (full stop, question, exclamation, paragraph, end of text). */
    public boolean endsSentence() {
        return (terminator & TYPE_SENTENCE) != 0;
    }
}
