package narrator.tts;

import java.util.List;
import narrator.tts.kokoro.KokoroModel;

/**
 * Describes a Kokoro voice for listings without loading the 300 MB model. The language follows
 * Kokoro's naming scheme (first letter of the voice name), as the Kokoro engine itself applies it.
 */
final class KokoroListing {
    private KokoroListing() {
    }

    static VoiceInfo describe(String name) {
        return new VoiceInfo("kokoro:" + name, TtsSettings.KOKORO, name, language(name), KokoroModel.SAMPLE_RATE, List.of());
    }

    private static String language(String name) {
        return switch (name.isEmpty() ? 'a' : name.charAt(0)) {
            case 'b' -> "en-gb";
            case 'e' -> "es";
            case 'f' -> "fr-fr";
            case 'h' -> "hi";
            case 'i' -> "it";
            case 'j' -> "ja";
            case 'p' -> "pt-br";
            case 'z' -> "cmn";
            default -> "en-us";
        };
    }
}
