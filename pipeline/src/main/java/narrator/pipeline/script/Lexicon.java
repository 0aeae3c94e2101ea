package narrator.pipeline.script;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import narrator.pipeline.Pronunciation;
import narrator.pipeline.TextSpan;

/**
 * Written words or phrases and how to say them: a respelling ({@code "Nginx": "engine x"}) or IPA
 * between slashes ({@code "Kubernetes": "/kuːbɚnˈɛtiːz/"}). A key matches whole words only, with
 * its case exactly as written; where keys overlap, the longest wins.
 */
public record Lexicon(Map<String, String> entries) {
    public static final Lexicon EMPTY = new Lexicon(Map.of());
    public static final int MAX_KEY_CHARS = 100;
    public static final int MAX_VALUE_CHARS = 200;

    /**
     * @throws IllegalArgumentException naming the entry when a key or value is blank or too long
     */
    public Lexicon {
        Map<String, String> checked = new LinkedHashMap<>();
        entries.forEach((key, value) -> {
            String problem = problem(key, value);
            if (problem != null) {
                throw new IllegalArgumentException("lexicon entry '" + key + "': " + problem);
            }
            checked.put(key.strip(), value.strip());
        });
        entries = Map.copyOf(checked);
    }

    /** What is wrong with one entry, or null when it is fine. */
    public static String problem(String key, String value) {
        if (key == null || key.isBlank() || key.length() > MAX_KEY_CHARS) {
            return "the written form must be 1 to " + MAX_KEY_CHARS + " characters";
        }
        if (value == null || value.isBlank() || value.length() > MAX_VALUE_CHARS) {
            return "the spoken form must be 1 to " + MAX_VALUE_CHARS + " characters";
        }
        if (isIpa(value.strip()) != value.strip().startsWith("/")) {
            return "IPA goes between two slashes, like /kuːbɚnˈɛtiːz/";
        }
        return null;
    }

    /** This lexicon with {@code over}'s entries added, replacing any of the same key. */
    public Lexicon with(Lexicon over) {
        Map<String, String> merged = new HashMap<>(entries);
        merged.putAll(over.entries);
        return new Lexicon(merged);
    }

    /** A spoken form as a pronunciation of {@code span}: IPA when it is between slashes. */
    static Pronunciation pronunciation(TextSpan span, String spoken) {
        return isIpa(spoken) ? new Pronunciation(span, spoken.substring(1, spoken.length() - 1).strip(), true)
                : new Pronunciation(span, spoken, false);
    }

    static boolean isIpa(String spoken) {
        return spoken.length() > 2 && spoken.startsWith("/") && spoken.endsWith("/")
                && !spoken.substring(1, spoken.length() - 1).isBlank();
    }

    /** The entries' whole-word matches in {@code text}, left to right, none overlapping {@code taken}. */
    List<Pronunciation> find(String text, List<TextSpan> taken) {
        if (entries.isEmpty()) {
            return List.of();
        }
        Map<Character, List<String>> byFirst = new HashMap<>();
        entries.keySet().forEach(key -> byFirst.computeIfAbsent(key.charAt(0), c -> new ArrayList<>()).add(key));
        byFirst.values().forEach(keys -> keys.sort(Comparator.comparingInt(String::length).reversed()));
        List<Pronunciation> found = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            if (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1))) {
                continue;
            }
            for (String key : byFirst.getOrDefault(text.charAt(i), List.of())) {
                int start = i;
                int end = i + key.length();
                if (text.startsWith(key, i) && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))
                        && taken.stream().noneMatch(t -> t.start() < end && start < t.end())) {
                    found.add(pronunciation(new TextSpan(start, end), entries.get(key)));
                    i = end - 1;
                    break;
                }
            }
        }
        return found;
    }
}
