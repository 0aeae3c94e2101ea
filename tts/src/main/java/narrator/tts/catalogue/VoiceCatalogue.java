package narrator.tts.catalogue;

import narrator.tts.FrontEnd;
import narrator.tts.ModelCall;
import narrator.tts.SpokenText;
import narrator.tts.TtsSettings;
import narrator.tts.Voice;
import narrator.tts.VoiceInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.tts.espeak.EspeakPhonemizer;
import narrator.tts.espeak.EspeakVoice;
import narrator.tts.kokoro.KokoroFrontEnd;
import narrator.tts.kokoro.KokoroModel;
import narrator.tts.kokoro.KokoroVoices;
import narrator.tts.piper.PiperConfig;
import narrator.tts.piper.PiperFrontEnd;
import narrator.tts.piper.PiperVoice;

/**
 * Every voice this installation can speak with, by id ({@code piper:NAME}, {@code kokoro:NAME},
 * {@code espeak:LANGUAGE}). Voices load on first use, exactly once per id even when several jobs
 * ask at the same moment, and stay loaded until {@link #close()}. Listing reads the disk on each
 * call, so voices fetched while running show up without a restart. The default voice is decided when
 * the catalogue is made and again at each full listing (which reads the disk anyway), never on the
 * paths every request takes.
 */
public final class VoiceCatalogue implements AutoCloseable {
    /** espeak-ng 1.51 languages offered in listings; any other espeak-ng language name also loads. */
    static final List<String> ESPEAK_LANGUAGES = List.of("en-us", "en-gb", "fr", "de", "es", "it", "pt",
            "pt-br", "nl", "pl", "sv", "ru", "el", "tr", "ar", "hi", "cmn", "ja");
    static final String FALLBACK_VOICE = "espeak:en-us";
    static final String PREFERRED_PIPER_VOICE = "en_US-lessac-medium";
    private static final String ID_FORMAT = "voice ids look like piper:NAME, kokoro:NAME or espeak:LANGUAGE "
            + "(e.g. piper:en_US-lessac-medium, kokoro:af_bella, espeak:en-us)";

    private final TtsSettings settings;
    private final ModelFiles files;
    private final Map<String, CompletableFuture<Voice>> voices = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<KokoroModel>> kokoroModels = new ConcurrentHashMap<>();

    private volatile DefaultVoice defaultVoice;
    private volatile int installedCount;

    public VoiceCatalogue(TtsSettings settings) {
        this.settings = settings;
        this.files = new ModelFiles(settings);
        installed();
    }

    public TtsSettings settings() {
        return settings;
    }

    /** Installed Piper voices, then Kokoro voices, then the espeak-ng languages. */
    public List<VoiceInfo> installed() {
        List<VoiceInfo> installed = new ArrayList<>();
        for (Path model : files.piperModels()) {
            describePiper(model).ifPresent(installed::add);
        }
        files.kokoro().ifPresent(kokoro -> KokoroVoices.names(kokoro.voices()).forEach(
                name -> installed.add(KokoroModel.describe(name))));
        ESPEAK_LANGUAGES.forEach(language -> installed.add(EspeakVoice.describe(language)));
        defaultVoice = chooseDefault();
        installedCount = installed.size();
        return List.copyOf(installed);
    }

    /**
     * The voice with this id, loading it on first use.
     *
     * @throws NarratorException UNKNOWN_VOICE for an id that is malformed or names no installed
     *     voice, VOICE_UNAVAILABLE when its files are broken
     */
    public Voice voice(String id) {
        VoiceId parsed = VoiceId.parse(id);
        return once(voices, parsed.toString(), () -> load(parsed));
    }

    /**
     * What is known about one voice without loading it or listing the others: the cheap check a
     * request makes before it is queued. Empty for a malformed or uninstalled id.
     */
    public Optional<VoiceInfo> describe(String id) {
        VoiceId parsed;
        try {
            parsed = VoiceId.parse(id);
        } catch (NarratorException e) {
            return Optional.empty();
        }
        if (isLoaded(parsed.toString())) {
            return Optional.of(voices.get(parsed.toString()).join().info());
        }
        return switch (parsed.engine()) {
            case TtsSettings.PIPER -> files.piperModel(parsed.name()).flatMap(this::describePiper);
            case TtsSettings.KOKORO -> files.kokoro()
                    .filter(kokoro -> KokoroVoices.names(kokoro.voices()).contains(parsed.name()))
                    .map(kokoro -> KokoroModel.describe(parsed.name()));
            default -> ESPEAK_LANGUAGES.contains(parsed.name())
                    ? Optional.of(EspeakVoice.describe(parsed.name())) : Optional.empty();
        };
    }

    /**
     * The front end of the voice with this id, without loading its model: a Piper voice needs only
     * its {@code .onnx.json}, a Kokoro voice no file at all (its vocabulary is built in).
     *
     * @throws NarratorException UNKNOWN_VOICE for a malformed id, a Piper voice whose config is not
     *     installed, or a language espeak-ng lacks
     */
    public FrontEnd frontEnd(String id) {
        VoiceId parsed = VoiceId.parse(id);
        return switch (parsed.engine()) {
            case TtsSettings.PIPER -> PiperFrontEnd.of(PiperConfig.read(files.piperConfig(parsed.name()).orElseThrow(
                    () -> notInstalled(parsed, "no Piper voice config " + parsed.name() + ".onnx.json is in "
                            + settings.modelsDir()))));
            case TtsSettings.KOKORO -> {
                KokoroFrontEnd kokoro = KokoroFrontEnd.of(EspeakPhonemizer.shared());
                yield new FrontEnd() {
                    @Override
                    public List<ModelCall> calls(String text) {
                        return kokoro.calls(text, parsed.name());
                    }

                    @Override
                    public List<ModelCall> calls(SpokenText text) {
                        return kokoro.calls(text, parsed.name());
                    }

                    @Override
                    public List<String> unknownPhonemes(String ipa) {
                        return KokoroFrontEnd.unknownPhonemes(ipa);
                    }
                };
            }
            case TtsSettings.ESPEAK -> EspeakVoice.load(parsed.name());
            default -> throw new IllegalStateException("VoiceId admits no engine " + parsed.engine());
        };
    }

    /** How many voices the last listing found (at start, or the last {@link #installed()}), without reading the disk. */
    public int installedCount() {
        return installedCount;
    }

    /** The voice jobs use when they name none (see {@link #defaultVoiceNote()} for fallbacks). */
    public String defaultVoiceId() {
        return defaultVoice.id();
    }

    /** Why the default is not the configured provider's voice; empty when it is. */
    public Optional<String> defaultVoiceNote() {
        return Optional.ofNullable(defaultVoice.note());
    }

    /**
     * The Kokoro model file Kokoro voices load: the full-precision model when both it and the int8
     * one are installed (int8 saves memory but is slower on CPUs without fast integer convolutions).
     */
    public Optional<Path> kokoroModelFile() {
        return files.kokoro().map(ModelFiles.KokoroFiles::model);
    }

    public boolean isLoaded(String id) {
        CompletableFuture<Voice> voice = voices.get(id);
        return voice != null && voice.isDone() && !voice.isCompletedExceptionally();
    }

    public List<String> loadedVoiceIds() {
        return voices.keySet().stream().filter(this::isLoaded).sorted().toList();
    }

    /** Releases every loaded model; the catalogue must not be used afterwards. */
    @Override
    public void close() {
        voices.values().forEach(voice -> voice.thenAccept(loaded -> {
            if (loaded instanceof PiperVoice piper) {
                piper.close();
            }
        }));
        kokoroModels.values().forEach(model -> model.thenAccept(KokoroModel::close));
    }

    private Voice load(VoiceId id) {
        return switch (id.engine()) {
            case TtsSettings.PIPER -> PiperVoice.load(files.piperModel(id.name()).orElseThrow(
                    () -> notInstalled(id, "no Piper voice " + id.name() + " is installed in " + settings.modelsDir())),
                    settings.piperThreads(), EspeakPhonemizer.shared());
            case TtsSettings.KOKORO -> kokoroModel().voice(id.name());
            case TtsSettings.ESPEAK -> EspeakVoice.load(id.name());
            default -> throw new IllegalStateException("VoiceId admits no engine " + id.engine());
        };
    }

    /** One Kokoro model serves all Kokoro voices; keyed by file so a reconfigured path loads anew. */
    private KokoroModel kokoroModel() {
        ModelFiles.KokoroFiles kokoro = files.kokoro().orElseThrow(
                () -> new NarratorException(ErrorCode.VOICE_UNAVAILABLE, files.kokoroMissing()));
        return once(kokoroModels, kokoro.model().toAbsolutePath().toString(),
                () -> KokoroModel.load(kokoro.model(), kokoro.voices(), settings.kokoroThreads()));
    }

    private DefaultVoice chooseDefault() {
        switch (settings.provider()) {
            case TtsSettings.PIPER -> {
                Optional<String> configured = files.configuredPiperModel().map(PiperVoice::voiceName);
                List<String> names = files.piperModels().stream().map(PiperVoice::voiceName).toList();
                Optional<String> chosen = configured
                        .or(() -> names.contains(PREFERRED_PIPER_VOICE) ? Optional.of(PREFERRED_PIPER_VOICE) : Optional.empty())
                        .or(() -> names.stream().findFirst());
                if (chosen.isPresent()) {
                    return new DefaultVoice("piper:" + chosen.get(), null);
                }
                String where = settings.piperModelPath() != null
                        ? "PIPER_MODEL_PATH " + settings.piperModelPath() + " (with its .onnx.json) does not exist"
                        : "no Piper voice is installed in " + settings.modelsDir();
                return fallback(where + "; run ./narrator voices fetch piper:" + PREFERRED_PIPER_VOICE);
            }
            case TtsSettings.KOKORO -> {
                Optional<ModelFiles.KokoroFiles> kokoro = files.kokoro();
                if (kokoro.isEmpty()) {
                    return fallback(files.kokoroMissing());
                }
                if (!KokoroVoices.names(kokoro.get().voices()).contains(settings.kokoroSpeaker())) {
                    return fallback("KOKORO_SPEAKER " + settings.kokoroSpeaker() + " is not in " + kokoro.get().voices());
                }
                return new DefaultVoice("kokoro:" + settings.kokoroSpeaker(), null);
            }
            default -> {
                return new DefaultVoice(FALLBACK_VOICE, null);
            }
        }
    }

    private static DefaultVoice fallback(String reason) {
        return new DefaultVoice(FALLBACK_VOICE, reason + "; speaking with " + FALLBACK_VOICE + " instead");
    }

    private Optional<VoiceInfo> describePiper(Path model) {
        try {
            PiperConfig config = PiperConfig.read(model.resolveSibling(model.getFileName() + ".json"));
            String name = PiperVoice.voiceName(model);
            return Optional.of(new VoiceInfo("piper:" + name, TtsSettings.PIPER, name, config.espeakVoice(),
                    config.sampleRate(), config.speakerNames()));
        } catch (NarratorException e) {
            // A broken config is reported when the voice is used; listing shows the working ones.
            return Optional.empty();
        }
    }

    private NarratorException notInstalled(VoiceId id, String problem) {
        List<String> installed = installed().stream().map(VoiceInfo::id)
                .filter(known -> known.startsWith(id.engine() + ":")).toList();
        return new NarratorException(ErrorCode.UNKNOWN_VOICE, problem + " (installed: "
                + (installed.isEmpty() ? "none" : String.join(", ", installed)) + "; fetch one with ./narrator voices fetch ID)");
    }

    /**
     * The value for {@code key}, computed once: the first caller loads outside any shared lock while
     * later callers wait on its future. A failed load is forgotten so a later call can retry.
     */
    private static <T> T once(Map<String, CompletableFuture<T>> cache, String key, Supplier<T> loader) {
        CompletableFuture<T> mine = new CompletableFuture<>();
        CompletableFuture<T> existing = cache.putIfAbsent(key, mine);
        if (existing == null) {
            try {
                mine.complete(loader.get());
            } catch (RuntimeException | Error e) {
                // Errors too (e.g. a native library that fails to link): waiters must never hang.
                cache.remove(key, mine);
                mine.completeExceptionally(e);
            }
        }
        try {
            return (existing == null ? mine : existing).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** {@code engine:name}, validated. */
    record VoiceId(String engine, String name) {
        static VoiceId parse(String id) {
            int colon = id == null ? -1 : id.indexOf(':');
            if (colon <= 0 || colon == id.length() - 1) {
                throw new NarratorException(ErrorCode.UNKNOWN_VOICE, "'" + id + "' is not a voice id: " + ID_FORMAT);
            }
            String engine = id.substring(0, colon);
            String name = id.substring(colon + 1);
            if (!List.of(TtsSettings.PIPER, TtsSettings.KOKORO, TtsSettings.ESPEAK).contains(engine)
                    || !name.matches("[A-Za-z0-9_.+-]+")) {
                throw new NarratorException(ErrorCode.UNKNOWN_VOICE, "'" + id + "' is not a voice id: " + ID_FORMAT);
            }
            return new VoiceId(engine, name);
        }

        @Override
        public String toString() {
            return engine + ":" + name;
        }
    }

    private record DefaultVoice(String id, String note) {}
}
