package narrator.app.openai;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * OPENAI_VOICE_MAP: which installed voice answers each OpenAI voice name ({@code alloy=piper:en_US-lessac-medium,
 * nova=espeak:en-us}). OpenAI names it leaves out speak with the default voice; any other name is taken as a
 * Narrator voice id.
 */
public record OpenAiVoices(Map<String, String> aliases) {
    /** The voices OpenAI's speech API documents. */
    public static final List<String> NAMES = List.of("alloy", "ash", "ballad", "coral", "echo", "fable", "nova", "onyx",
            "sage", "shimmer", "verse");
    public static final OpenAiVoices NONE = new OpenAiVoices(Map.of());

    public OpenAiVoices {
        aliases = Map.copyOf(aliases);
    }

    /** Parses {@code name=voice-id,...}; an empty value maps nothing. */
    public static OpenAiVoices parse(String value) {
        Map<String, String> aliases = new LinkedHashMap<>();
        for (String pair : value.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? "" : pair.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String voice = eq < 0 ? "" : pair.substring(eq + 1).strip();
            if (name.isEmpty() || voice.isEmpty()) {
                throw new IllegalArgumentException("OPENAI_VOICE_MAP must be name=voice-id pairs separated by commas, got '"
                        + pair.strip() + "'");
            }
            if (aliases.put(name, voice) != null) {
                throw new IllegalArgumentException("OPENAI_VOICE_MAP maps '" + name + "' twice");
            }
        }
        return new OpenAiVoices(aliases);
    }

    /** The Narrator voice id that {@code name} asks for. */
    public String resolve(String name, String defaultVoice) {
        String key = name.toLowerCase(Locale.ROOT);
        String mapped = aliases.get(key);
        if (mapped != null) {
            return mapped;
        }
        return NAMES.contains(key) ? defaultVoice : name;
    }
}
