package narrator.tts.catalogue;

import narrator.tts.TtsSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.tts.piper.PiperVoice;

/**
 * Finds installed model files: in the models directory (and one level of sub-directories, where
 * fetched voices may sit in their own folder) and at the explicitly configured paths.
 */
final class ModelFiles {
    /** Kokoro model names in order of preference: full precision first. */
    private static final List<String> KOKORO_MODELS = List.of("kokoro-v1.0.onnx", "kokoro-v1.0.int8.onnx");
    private static final String KOKORO_VOICES = "voices-v1.0.bin";
    private static final int SCAN_DEPTH = 2;

    /** A Kokoro model with its voices file. */
    record KokoroFiles(Path model, Path voices) {}

    private final TtsSettings settings;

    ModelFiles(TtsSettings settings) {
        this.settings = settings;
    }

    /** Piper models ({@code NAME.onnx} with {@code NAME.onnx.json}), the configured one first. */
    List<Path> piperModels() {
        List<Path> models = new ArrayList<>();
        configuredPiperModel().ifPresent(models::add);
        scan().filter(file -> file.getFileName().toString().endsWith(".onnx"))
                .filter(ModelFiles::hasPiperConfig)
                .sorted(Comparator.comparing(PiperVoice::voiceName))
                .filter(file -> models.stream().noneMatch(known -> sameName(known, file)))
                .forEach(models::add);
        return models;
    }

    /** PIPER_MODEL_PATH when set and complete. */
    Optional<Path> configuredPiperModel() {
        return Optional.ofNullable(settings.piperModelPath()).filter(ModelFiles::hasPiperConfig);
    }

    Optional<Path> piperModel(String name) {
        return piperModels().stream().filter(model -> PiperVoice.voiceName(model).equals(name)).findFirst();
    }

    /**
     * The {@code NAME.onnx.json} of a Piper voice, whether or not its weights are there: enough to
     * show what the voice would be sent.
     */
    Optional<Path> piperConfig(String name) {
        String fileName = name + ".onnx.json";
        return Optional.ofNullable(settings.piperModelPath())
                .map(model -> model.resolveSibling(model.getFileName() + ".json"))
                .filter(config -> config.getFileName().toString().equals(fileName))
                .or(() -> find(fileName))
                .filter(Files::isRegularFile);
    }

    /** The Kokoro files when both exist. */
    Optional<KokoroFiles> kokoro() {
        Optional<Path> model = Optional.ofNullable(settings.kokoroModelPath())
                .or(() -> KOKORO_MODELS.stream().map(this::find).flatMap(Optional::stream).findFirst())
                .filter(Files::isRegularFile);
        Optional<Path> voices = Optional.ofNullable(settings.kokoroVoicesPath())
                .or(() -> find(KOKORO_VOICES))
                .filter(Files::isRegularFile);
        return model.flatMap(m -> voices.map(v -> new KokoroFiles(m, v)));
    }

    /** Why {@link #kokoro()} is empty, for users. */
    String kokoroMissing() {
        return "the Kokoro model and voices files were not found (set KOKORO_MODEL_PATH and KOKORO_VOICES_PATH, or put "
                + String.join(" or ", KOKORO_MODELS) + " and " + KOKORO_VOICES + " in " + settings.modelsDir() + ")";
    }

    private Optional<Path> find(String fileName) {
        return scan().filter(file -> file.getFileName().toString().equals(fileName)).findFirst();
    }

    private Stream<Path> scan() {
        Path dir = settings.modelsDir();
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.walk(dir, SCAN_DEPTH)) {
            return files.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList().stream();
        } catch (IOException | UncheckedIOException e) {
            throw new NarratorException(ErrorCode.VOICE_UNAVAILABLE,
                    "the models directory " + dir + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static boolean hasPiperConfig(Path model) {
        return Files.isRegularFile(model) && Files.isRegularFile(model.resolveSibling(model.getFileName() + ".json"));
    }

    private static boolean sameName(Path a, Path b) {
        return PiperVoice.voiceName(a).equals(PiperVoice.voiceName(b));
    }
}
