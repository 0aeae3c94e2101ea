package narrator.pipeline;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Who says a sentence of a dialogue script: the name its lines start with and, when the request gave
 * one, the colour its captions take ({@code #RRGGBB}, upper case), else null.
 */
public record Speaker(String name, String colour) {
    private static final Pattern NAME = Pattern.compile("\\p{L}[\\p{L}\\p{N} _.'-]{0,39}");
    private static final Pattern COLOUR = Pattern.compile("#[0-9A-F]{6}");

    public Speaker {
        if (name == null || !NAME.matcher(name).matches() || !name.equals(name.strip())) {
            throw new IllegalArgumentException("a speaker name is 1 to 40 letters, digits, spaces or _.'- starting with a letter");
        }
        colour = colour == null ? null : colour.toUpperCase(Locale.ROOT);
        if (colour != null && !COLOUR.matcher(colour).matches()) {
            throw new IllegalArgumentException("a speaker colour is #RRGGBB");
        }
    }

    /** Whether {@code name} may name a speaker (as the constructor requires). */
    public static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches() && name.equals(name.strip());
    }

    /** Whether {@code colour} is {@code #RRGGBB} in either case. */
    public static boolean validColour(String colour) {
        return colour != null && COLOUR.matcher(colour.toUpperCase(Locale.ROOT)).matches();
    }
}
