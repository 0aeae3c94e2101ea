package narrator.app.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed, validated reads of settings from a merged map (process environment over {@code .env}).
 * Every failure names the setting and what it should be.
 */
final class Env {
    private final Map<String, String> values;

    Env(Map<String, String> values) {
        this.values = values;
    }

    Optional<String> optional(String name) {
        String v = values.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    String string(String name, String fallback) {
        return optional(name).orElse(fallback);
    }

    int integer(String name, int fallback, int min, int max) {
        return parse(name, fallback, v -> {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new IllegalArgumentException();
            }
            return n;
        }, "an integer from " + min + " to " + max);
    }

    double decimal(String name, double fallback, double min, double max) {
        return parse(name, fallback, v -> {
            double n = Double.parseDouble(v);
            if (!(n >= min && n <= max)) {
                throw new IllegalArgumentException();
            }
            return n;
        }, "a number from " + min + " to " + max);
    }

    boolean bool(String name, boolean fallback) {
        return parse(name, fallback, v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new IllegalArgumentException();
        }, "true or false");
    }

    /** Seconds as a plain number, or a value with a unit: {@code 90s}, {@code 30m}, {@code 2h}. */
    Duration duration(String name, Duration fallback) {
        return parse(name, fallback, v -> {
            String t = v.toLowerCase(Locale.ROOT);
            long multiplier = 1;
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            } else if (t.endsWith("s")) {
                t = t.substring(0, t.length() - 1);
            } else if (t.endsWith("m")) {
                multiplier = 60;
                t = t.substring(0, t.length() - 1);
            } else if (t.endsWith("h")) {
                multiplier = 3600;
                t = t.substring(0, t.length() - 1);
            } else if (t.endsWith("d")) {
                multiplier = 86_400;
                t = t.substring(0, t.length() - 1);
            }
            long seconds = Long.parseLong(t) * multiplier;
            if (seconds <= 0) {
                throw new IllegalArgumentException();
            }
            return Duration.ofSeconds(seconds);
        }, "a positive duration such as 90, 90s, 30m, 2h or 30d");
    }

    Path path(String name, Path fallback) {
        return optional(name).map(Path::of).orElse(fallback);
    }

    Optional<URI> url(String name) {
        return optional(name).map(v -> {
            try {
                URI uri = new URI(v);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                    throw new IllegalArgumentException();
                }
                return uri;
            } catch (Exception e) {
                throw new ConfigException(name + "='" + v + "' is invalid: expected an http(s) URL");
            }
        });
    }

    <T extends Enum<T>> T choice(String name, T fallback, Class<T> type) {
        return parse(name, fallback, v -> Enum.valueOf(type, v.toUpperCase(Locale.ROOT).replace('-', '_')),
                "one of " + java.util.Arrays.stream(type.getEnumConstants())
                        .map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
    }

    private <T> T parse(String name, T fallback, Function<String, T> parser, String expected) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            return parser.apply(raw.get());
        } catch (RuntimeException e) {
            throw new ConfigException(name + "='" + raw.get() + "' is invalid: expected " + expected);
        }
    }
}
