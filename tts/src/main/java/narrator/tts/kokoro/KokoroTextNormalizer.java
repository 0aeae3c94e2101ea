package narrator.tts.kokoro;

import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * kokoro-js 1.2.1's English text normalization, rule for rule and in its order, quirks included
 * (only the first run of double spaces is collapsed; "16:9" is left alone). Pure.
 *
 * <p>JavaScript's {@code \b} and {@code \s} differ from Java's: {@code \b} sees only ASCII word
 * characters and {@code \s} includes Unicode spaces, so both are spelled out below.
 */
final class KokoroTextNormalizer {
    /** JavaScript's {@code \b}: a boundary between [A-Za-z0-9_] and anything else. */
    private static final String B = "(?:(?<=\\w)(?!\\w)|(?<!\\w)(?=\\w))";
    /** JavaScript's {@code \s} minus space and newline. */
    private static final String OTHER_SPACE =
            "[\\t\\x0B\\f\\r\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF]";

    private static final Rule[] RULES = {
        literal("[‘’]", "'"),
        literal("«", "“"),
        literal("»", "”"),
        literal("[“”]", "\""),
        literal("\\(", "«"),
        literal("\\)", "»"),
        literal("、", ", "),
        literal("。", ". "),
        literal("！", "! "),
        literal("，", ", "),
        literal("：", ": "),
        literal("；", "; "),
        literal("？", "? "),
        literal(OTHER_SPACE, " "),
        first("  +", " "),
        literal("(?<=\\n) +(?=\\n)", ""),
        literal(B + "D[Rr]\\.(?= [A-Z])", "Doctor"),
        literal(B + "(?:Mr\\.|MR\\.(?= [A-Z]))", "Mister"),
        literal(B + "(?:Ms\\.|MS\\.(?= [A-Z]))", "Miss"),
        literal(B + "(?:Mrs\\.|MRS\\.(?= [A-Z]))", "Mrs"),
        new Rule(Pattern.compile(B + "etc\\.(?! [A-Z])", Pattern.CASE_INSENSITIVE), m -> "etc", true),
        new Rule(Pattern.compile(B + "(y)eah?" + B, Pattern.CASE_INSENSITIVE), m -> m.group(1) + "e'a", true),
        computed("\\d*\\.\\d+|" + B + "\\d{4}s?" + B + "|(?<!:)" + B + "(?:[1-9]|1[0-2]):[0-5]\\d" + B + "(?!:)",
                KokoroTextNormalizer::yearOrTime),
        literal("(?<=\\d),(?=\\d)", ""),
        new Rule(Pattern.compile("[$£]\\d+(?:\\.\\d+)?(?: hundred| thousand| (?:[bm]|tr)illion)*" + B
                + "|[$£]\\d+\\.\\d\\d?" + B, Pattern.CASE_INSENSITIVE), KokoroTextNormalizer::money, true),
        computed("\\d*\\.\\d+", KokoroTextNormalizer::decimal),
        literal("(?<=\\d)-(?=\\d)", " to "),
        literal("(?<=\\d)S", " S"),
        literal("(?<=[BCDFGHJ-NP-TV-Z])'?s" + B, "'S"),
        literal("(?<=X')S" + B, "s"),
        computed("(?:[A-Za-z]\\.){2,} [a-z]", m -> m.group().replace('.', '-')),
        new Rule(Pattern.compile("(?<=[A-Z])\\.(?=[A-Z])", Pattern.CASE_INSENSITIVE), m -> "-", true),
        // String.trim() would also strip control characters; only spaces and newlines are left here.
        literal("^[ \\n]+|[ \\n]+$", ""),
    };

    private KokoroTextNormalizer() {
    }

    static String normalize(String text) {
        String result = text;
        for (Rule rule : RULES) {
            result = rule.apply(result);
        }
        return result;
    }

    /** A regex replacement; {@code all} false replaces only the first match, as a JavaScript regex without /g. */
    private record Rule(Pattern pattern, Function<MatchResult, String> replacement, boolean all) {
        String apply(String text) {
            Matcher matcher = pattern.matcher(text);
            Function<MatchResult, String> quoted = m -> Matcher.quoteReplacement(replacement.apply(m));
            return all ? matcher.replaceAll(quoted) : matcher.replaceFirst(quoted);
        }
    }

    private static Rule literal(String regex, String replacement) {
        return new Rule(Pattern.compile(regex), m -> replacement, true);
    }

    private static Rule first(String regex, String replacement) {
        return new Rule(Pattern.compile(regex), m -> replacement, false);
    }

    private static Rule computed(String regex, Function<MatchResult, String> replacement) {
        return new Rule(Pattern.compile(regex), replacement, true);
    }

    /** Years read in pairs ("1990s" -> "19 90s", "1905" -> "19 oh 5"), clock times read aloud; decimals kept. */
    private static String yearOrTime(MatchResult match) {
        String text = match.group();
        if (text.contains(".")) {
            return text;
        }
        if (text.contains(":")) {
            String[] parts = text.split(":");
            int hours = Integer.parseInt(parts[0]);
            int minutes = Integer.parseInt(parts[1]);
            return minutes == 0 ? hours + " o'clock" : minutes < 10 ? hours + " oh " + minutes : hours + " " + minutes;
        }
        int year = Integer.parseInt(text.substring(0, 4));
        if (year < 1100 || year % 1000 < 10) {
            return text;
        }
        String century = text.substring(0, 2);
        int rest = Integer.parseInt(text.substring(2, 4));
        String plural = text.endsWith("s") ? "s" : "";
        if (year % 1000 >= 100) {
            if (rest == 0) {
                return century + " hundred" + plural;
            }
            if (rest < 10) {
                return century + " oh " + rest + plural;
            }
        }
        return century + " " + rest + plural;
    }

    /** "$25" -> "25 dollars", "£3.5" -> "3 pounds and 50 pence", "$2 million" -> "2 million dollars". */
    private static String money(MatchResult match) {
        String text = match.group();
        boolean dollar = text.charAt(0) == '$';
        String unit = dollar ? "dollar" : "pound";
        String amount = text.substring(1);
        if (!amount.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
            return amount + " " + unit + "s";
        }
        if (!amount.contains(".")) {
            return amount + " " + unit + (amount.equals("1") ? "" : "s");
        }
        String whole = amount.substring(0, amount.indexOf('.'));
        String fraction = amount.substring(amount.indexOf('.') + 1);
        // kokoro-js pads the fraction to two digits and reads longer ones whole ("$1.505" -> 505 cents).
        int cents = Integer.parseInt(fraction.length() < 2 ? fraction + "0" : fraction);
        String small = dollar ? (cents == 1 ? "cent" : "cents") : (cents == 1 ? "penny" : "pence");
        return whole + " " + unit + (whole.equals("1") ? "" : "s") + " and " + cents + " " + small;
    }

    /** "3.14" -> "3 point 1 4". */
    private static String decimal(MatchResult match) {
        String text = match.group();
        int dot = text.indexOf('.');
        return text.substring(0, dot) + " point " + String.join(" ", text.substring(dot + 1).split(""));
    }
}
