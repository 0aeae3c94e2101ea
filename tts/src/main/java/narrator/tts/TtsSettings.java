package narrator.tts;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;

/**
 * How speech is configured, validated once at start-up. The app fills it from TTS_PROVIDER,
 * MODELS_DIR, PIPER_MODEL_PATH, PIPER_THREADS, KOKORO_MODEL_PATH, KOKORO_VOICES_PATH,
 * KOKORO_SPEAKER and KOKORO_THREADS; null (or a thread count below 1) means the default. The
 * explicit model paths are optional: without them the catalogue looks in {@code modelsDir}.
 */
public record TtsSettings(String provider, Path modelsDir, Path piperModelPath, int piperThreads,
                          Path kokoroModelPath, Path kokoroVoicesPath, String kokoroSpeaker,
                          int kokoroThreads) {
    public static final String PIPER = "piper";
    public static final String KOKORO = "kokoro";
    public static final String ESPEAK = "espeak";
    public static final Path DEFAULT_MODELS_DIR = Path.of("models", "voices");
    public static final int DEFAULT_THREADS = 2;
    public static final String DEFAULT_KOKORO_SPEAKER = "af_bella";

    public TtsSettings {
        provider = provider == null || provider.isBlank() ? PIPER : provider.strip().toLowerCase(Locale.ROOT);
        if (!Set.of(PIPER, KOKORO, ESPEAK).contains(provider)) {
            throw new NarratorException(ErrorCode.INVALID_REQUEST,
                    "TTS_PROVIDER '" + provider + "' is not one of piper, kokoro, espeak");
        }
        modelsDir = modelsDir == null ? DEFAULT_MODELS_DIR : modelsDir;
        piperThreads = piperThreads < 1 ? DEFAULT_THREADS : piperThreads;
        kokoroThreads = kokoroThreads < 1 ? DEFAULT_THREADS : kokoroThreads;
        kokoroSpeaker = kokoroSpeaker == null || kokoroSpeaker.isBlank() ? DEFAULT_KOKORO_SPEAKER : kokoroSpeaker.strip();
    }

    /** Piper from {@code models/voices}, two threads per engine, Kokoro speaker af_bella. */
    public static TtsSettings defaults() {
        return new TtsSettings(null, null, null, 0, null, null, null, 0);
    }

    public TtsSettings withProvider(String newProvider) {
        return new TtsSettings(newProvider, modelsDir, piperModelPath, piperThreads, kokoroModelPath,
                kokoroVoicesPath, kokoroSpeaker, kokoroThreads);
    }

    public TtsSettings withModelsDir(Path newModelsDir) {
        return new TtsSettings(provider, newModelsDir, piperModelPath, piperThreads, kokoroModelPath,
                kokoroVoicesPath, kokoroSpeaker, kokoroThreads);
    }

    public TtsSettings withPiperModel(Path newPiperModelPath) {
        return new TtsSettings(provider, modelsDir, newPiperModelPath, piperThreads, kokoroModelPath,
                kokoroVoicesPath, kokoroSpeaker, kokoroThreads);
    }

    /** Voices from {@code dir} alone: the explicitly configured model paths are dropped. */
    public TtsSettings withOnlyModelsDir(Path dir) {
        return new TtsSettings(provider, dir, null, piperThreads, null, null, kokoroSpeaker, kokoroThreads);
    }

    /** The same intra-op thread count for every ONNX engine. */
    public TtsSettings withThreads(int threads) {
        return new TtsSettings(provider, modelsDir, piperModelPath, threads, kokoroModelPath, kokoroVoicesPath,
                kokoroSpeaker, threads);
    }

    /** Intra-op threads of the engine of {@code voiceId}; 1 for espeak-ng, which runs on the caller's thread. */
    public int threadsFor(String voiceId) {
        if (voiceId.startsWith(PIPER + ":")) {
            return piperThreads;
        }
        return voiceId.startsWith(KOKORO + ":") ? kokoroThreads : 1;
    }
}
