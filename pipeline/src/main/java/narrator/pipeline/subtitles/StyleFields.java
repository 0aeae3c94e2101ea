package narrator.pipeline.subtitles;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;

/** Reads the API's {@code subtitle_style} JSON object (as Jackson maps it) into a {@link SubtitleStyle}. */
final class StyleFields {
    static final List<String> NAMES = List.of("font", "font_size", "primary_color", "highlight_color",
            "emphasis_color", "outline_color", "back_color", "bold", "outline", "shadow", "alignment", "margin_v",
            "margin_h", "max_chars_per_line", "speaker_labels");

    private StyleFields() {
    }

    static SubtitleStyle parse(Map<String, ?> fields, SubtitleStyle defaults) {
        Map<String, Object> values = bySnakeName(fields);
        Reader in = new Reader(values);
        return new SubtitleStyle(
                in.string("font", defaults.fontName()),
                in.integer("font_size", defaults.fontSize()),
                in.string("primary_color", defaults.primaryColour()),
                in.string("highlight_color", defaults.highlightColour()),
                in.string("emphasis_color", defaults.emphasisColour()),
                in.string("outline_color", defaults.outlineColour()),
                in.string("back_color", defaults.backColour()),
                in.bool("bold", defaults.bold()),
                in.number("outline", defaults.outline()),
                in.number("shadow", defaults.shadow()),
                in.alignment("alignment", defaults.alignment()),
                in.integer("margin_v", defaults.marginVertical()),
                in.integer("margin_h", defaults.marginHorizontal()),
                in.integer("max_chars_per_line", defaults.maxCharsPerLine()),
                in.bool("speaker_labels", defaults.speakerLabels()));
    }

    /** The inverse of {@link #parse}: every field, by its snake_case name, as JSON types. */
    static Map<String, Object> write(SubtitleStyle style) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("font", style.fontName());
        out.put("font_size", style.fontSize());
        out.put("primary_color", style.primaryColour());
        out.put("highlight_color", style.highlightColour());
        out.put("emphasis_color", style.emphasisColour());
        out.put("outline_color", style.outlineColour());
        out.put("back_color", style.backColour());
        out.put("bold", style.bold());
        out.put("outline", style.outline());
        out.put("shadow", style.shadow());
        out.put("alignment", style.alignment().name().toLowerCase(Locale.ROOT));
        out.put("margin_v", style.marginVertical());
        out.put("margin_h", style.marginHorizontal());
        out.put("max_chars_per_line", style.maxCharsPerLine());
        out.put("speaker_labels", style.speakerLabels());
        return out;
    }

    /** Keys in snake_case; a null value counts as absent, as JSON clients send null for "use the default". */
    private static Map<String, Object> bySnakeName(Map<String, ?> fields) {
        Map<String, Object> out = new HashMap<>();
        for (Map.Entry<String, ?> e : fields.entrySet()) {
            String name = snakeCase(String.valueOf(e.getKey()));
            if (!NAMES.contains(name)) {
                throw invalid("subtitle_style has an unknown field '" + e.getKey() + "'; known fields: "
                        + String.join(", ", NAMES));
            }
            if (e.getValue() != null && out.put(name, e.getValue()) != null) {
                throw invalid("subtitle_style." + name + " is given twice (snake_case and camelCase)");
            }
        }
        return out;
    }

    static String snakeCase(String key) {
        StringBuilder out = new StringBuilder(key.length() + 4);
        for (char c : key.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static NarratorException invalid(String message) {
        return new NarratorException(ErrorCode.INVALID_REQUEST, message);
    }

    private record Reader(Map<String, Object> values) {
        String string(String name, String fallback) {
            Object v = values.get(name);
            if (v == null) {
                return fallback;
            }
            SubtitleStyle.check(v instanceof String, name, "a string", v);
            return (String) v;
        }

        boolean bool(String name, boolean fallback) {
            Object v = values.get(name);
            if (v == null) {
                return fallback;
            }
            SubtitleStyle.check(v instanceof Boolean, name, "true or false", v);
            return (Boolean) v;
        }

        double number(String name, double fallback) {
            Object v = values.get(name);
            if (v == null) {
                return fallback;
            }
            SubtitleStyle.check(v instanceof Number n && Double.isFinite(n.doubleValue()), name, "a number", v);
            return ((Number) v).doubleValue();
        }

        /** Accepts any JSON number with an integral value (48 or 48.0), as parsers differ in what they hand us. */
        int integer(String name, int fallback) {
            Object v = values.get(name);
            if (v == null) {
                return fallback;
            }
            BigDecimal exact = v instanceof Number n ? exact(n) : null;
            boolean ok = exact != null && exact.stripTrailingZeros().scale() <= 0
                    && exact.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) >= 0
                    && exact.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0;
            SubtitleStyle.check(ok, name, "a whole number", v);
            return exact.intValueExact();
        }

        SubtitleStyle.Alignment alignment(String name, SubtitleStyle.Alignment fallback) {
            Object v = values.get(name);
            if (v == null) {
                return fallback;
            }
            String text = v instanceof String s ? s.toUpperCase(Locale.ROOT) : "";
            for (SubtitleStyle.Alignment a : SubtitleStyle.Alignment.values()) {
                if (a.name().equals(text)) {
                    return a;
                }
            }
            throw SubtitleStyle.invalidField(name, "bottom, middle or top", v);
        }

        private static BigDecimal exact(Number n) {
            if (n instanceof BigDecimal d) {
                return d;
            }
            if (n instanceof BigInteger i) {
                return new BigDecimal(i);
            }
            if (n instanceof Double || n instanceof Float) {
                return Double.isFinite(n.doubleValue()) ? BigDecimal.valueOf(n.doubleValue()) : null;
            }
            return BigDecimal.valueOf(n.longValue());
        }
    }
}
