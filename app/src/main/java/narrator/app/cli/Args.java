package narrator.app.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;

/**
 * Parsed command-line options: {@code --name value}, {@code --name=value}, and flags. Options are
 * checked against what the command accepts, so a typo is an error rather than silently ignored.
 */
public final class Args {
    private final Map<String, String> values;
    private final Set<String> flags;
    private final List<String> positional;

    private Args(Map<String, String> values, Set<String> flags, List<String> positional) {
        this.values = values;
        this.flags = flags;
        this.positional = positional;
    }

    public static Args parse(List<String> argv, Set<String> valueOptions, Set<String> flagOptions) {
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new HashSet<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (!arg.startsWith("--") || arg.equals("--")) {
                positional.add(arg);
                continue;
            }
            String name = arg.substring(2);
            String inline = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inline = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flagOptions.contains(name) && inline == null) {
                flags.add(name);
            } else if (valueOptions.contains(name)) {
                if (inline == null) {
                    if (i + 1 >= argv.size()) {
                        throw new NarratorException(ErrorCode.INVALID_REQUEST, "--" + name + " needs a value");
                    }
                    inline = argv.get(++i);
                }
                values.put(name, inline);
            } else {
                throw new NarratorException(ErrorCode.INVALID_REQUEST, "unknown option --" + name);
            }
        }
        return new Args(values, flags, positional);
    }

    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public String value(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** The option as a whole number, absent when not given. */
    public Optional<Integer> integer(String name) {
        String v = values.get(name);
        try {
            return v == null ? Optional.empty() : Optional.of(Integer.parseInt(v.strip()));
        } catch (NumberFormatException e) {
            throw new NarratorException(ErrorCode.INVALID_REQUEST, "--" + name + " must be a whole number, got '" + v + "'");
        }
    }

    public double number(String name, double fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new NarratorException(ErrorCode.INVALID_REQUEST, "--" + name + " must be a number, got '" + v + "'");
        }
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }

    public List<String> positional() {
        return positional;
    }
}
