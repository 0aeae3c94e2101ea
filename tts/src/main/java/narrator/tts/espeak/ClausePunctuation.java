package narrator.tts.espeak;

import java.util.HashMap;
import java.util.Map;

/**
 * espeak-ng's character classes for reading clauses (1.51: its ucd-tools PropList, ucd_isspace and
 * the bracket list of translate.c), as needed to tell which terminator ended a clause.
 */
final class ClausePunctuation {
    /** What espeak-ng reads three or more dots as. */
    static final int ELLIPSIS = 0x2026;

    /** Question or exclamation; due to a bit test in espeak-ng this matches every clause punctuation. */
    private static final int RUN_MASK = EspeakClause.QUESTION | EspeakClause.EXCLAMATION;
    private static final int OPTIONAL = EspeakClause.OPTIONAL_SPACE_AFTER;
    private static final Map<Integer, Integer> TYPES = new HashMap<>();

    static {
        add(EspeakClause.PERIOD, 0x2E, 0x6D4, 0x701, 0x704, 0x1362, 0x166E, 0x1803, 0x1809, 0x2CF9, 0x2CFE,
                0x2E33, 0x2E3C, 0xA4FF, 0xA60E, 0xA6F3, 0xFE12, 0xFE52, 0xFF61, 0x16AF5, 0x1BC9F, 0x1DA88,
                0x1F100, 0xE002E);
        addRange(EspeakClause.PERIOD, 0x2488, 0x249B);
        add(EspeakClause.PERIOD | OPTIONAL, 0x589, 0x964, 0xDF4, 0xF0D, 0x3002, 0xFF0E);
        add(EspeakClause.QUESTION, 0x3F, 0x37E, 0x61F, 0x709, 0x1367, 0x1945, 0x2047, 0x2753, 0x2754, 0x2CFA,
                0x2CFB, 0xA60F, 0xA6F7, 0xFE16, 0xFE56, 0x11143, 0x1E95F, 0xE003F);
        add(EspeakClause.QUESTION | OPTIONAL, 0xFF1F);
        add(EspeakClause.EXCLAMATION, 0x21, 0x703, 0x7F9, 0x1944, 0x203C, 0x2755, 0x2757, 0x2762, 0x2763,
                0xFE15, 0xFE57, 0x1E95E, 0xE0021);
        add(EspeakClause.EXCLAMATION | OPTIONAL, 0xFF01);
        add(EspeakClause.QUESTION | EspeakClause.PUNCTUATION_IN_WORD, 0x55E);
        add(EspeakClause.EXCLAMATION | EspeakClause.PUNCTUATION_IN_WORD, 0x55B, 0x55C);
        // Inverted marks open a Spanish question or exclamation: a clause break without punctuation.
        add(EspeakClause.SEMICOLON | OPTIONAL, 0xA1, 0xBF);
        add(EspeakClause.COMMA, 0x2C, 0x55D, 0x60C, 0x702, 0x7F8, 0xF14, 0x1363, 0x1802, 0x1808, 0x2E32, 0x2E34,
                0x2E41, 0xA4FE, 0xA60D, 0xA6F5, 0xFE10, 0xFE11, 0xFE50, 0xFE51, 0xFF64, 0x1144D, 0x1DA87, 0xE002C);
        addRange(EspeakClause.COMMA, 0x1F101, 0x1F10A);
        add(EspeakClause.COMMA | OPTIONAL, 0x3001, 0xFF0C);
        add(EspeakClause.COLON, 0x3A, 0x706, 0x707, 0x1365, 0x1366, 0x1804, 0x2982, 0xA6F4, 0xFE13, 0xFE55,
                0x12471, 0x12472, 0x1DA8A, 0xE003A);
        add(EspeakClause.COLON | OPTIONAL, 0xFF1A);
        add(EspeakClause.SEMICOLON, 0x3B, 0x387, 0x61B, 0x708, 0x1364, 0x204F, 0x2E35, 0xA6F6, 0xFE14, 0xFE54,
                0x1DA89, 0xE003B);
        add(EspeakClause.SEMICOLON | OPTIONAL, 0xFF1B);
        // En and em dashes end a clause like a semicolon when a space follows them.
        add(EspeakClause.SEMICOLON, 0x2013, 0x2014, 0x2E3A, 0x2E3B, 0xFE31, 0xFE32);
        add(EspeakClause.SEMICOLON | EspeakClause.SPEAK_PUNCTUATION_NAME | OPTIONAL,
                0xEAF, 0x1801, 0x2026, 0x22EE, 0x22EF, 0x22F0, 0x22F1, 0xFE19);
        add(EspeakClause.PARAGRAPH, 0x700, 0x965, 0xF0E, 0x10FB, 0x1368, 0x2029);
    }

    private ClausePunctuation() {
    }

    private static void add(int type, int... codepoints) {
        for (int codepoint : codepoints) {
            TYPES.put(codepoint, type);
        }
    }

    private static void addRange(int type, int first, int last) {
        for (int codepoint = first; codepoint <= last; codepoint++) {
            TYPES.put(codepoint, type);
        }
    }

    /** The clause type a character ends a clause with, or {@link EspeakClause#NONE}. */
    static int type(int codepoint) {
        return TYPES.getOrDefault(codepoint, EspeakClause.NONE);
    }

    /** Whether espeak-ng swallows this character after clause punctuation ("?!", ".,"). */
    static boolean continuesRun(int codepoint) {
        return (type(codepoint) & RUN_MASK) != 0;
    }

    /** ucd_isspace: Unicode spaces except the no-break ones, plus the C0/C1 white-space controls. */
    static boolean isSpace(int codepoint) {
        return switch (Character.getType(codepoint)) {
            case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
            case Character.SPACE_SEPARATOR -> codepoint != 0xA0 && codepoint != 0x2007 && codepoint != 0x202F;
            case Character.CONTROL -> (codepoint >= 0x09 && codepoint <= 0x0D) || codepoint == 0x85;
            default -> false;
        };
    }

    /** Brackets and quotes: after punctuation they end a clause as a space would. */
    static boolean isBracket(int codepoint) {
        return (codepoint >= 0x2014 && codepoint <= 0x201F) || "()[]{}<>\"'`\u00ab\u00bb\u300a\u300b".indexOf(codepoint) >= 0;
    }
}
