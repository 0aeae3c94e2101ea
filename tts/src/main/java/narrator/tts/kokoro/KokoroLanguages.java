package narrator.tts.kokoro;

/**
 * The espeak-ng language a Kokoro voice speaks, from the first letter of its name as Kokoro names
 * them ({@code af_bella}: American English, {@code ff_siwis}: French, ...), spelled as espeak-ng
 * 1.51 languages.
 */
final class KokoroLanguages {
    private KokoroLanguages() {
    }

    static String ofVoice(String voiceName) {
        return switch (voiceName.isEmpty() ? 'a' : voiceName.charAt(0)) {
            case 'b' -> "en-gb";
            case 'e' -> "es";
            case 'f' -> "fr-fr";
            case 'h' -> "hi";
            case 'i' -> "it";
            case 'j' -> "ja";
            case 'p' -> "pt-br";
            case 'z' -> "cmn";
            // 'a' and names outside Kokoro's scheme (e.g. a user's blended voice): kokoro-onnx's default.
            default -> "en-us";
        };
    }
}
