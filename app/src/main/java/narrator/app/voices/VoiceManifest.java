package narrator.app.voices;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;

/** {@code models/manifest.json}: the voices that can be fetched, with each file's address and checksum. */
public record VoiceManifest(String defaultVoice, List<VoicePackage> packages) {

    public record VoicePackage(String id, String engine, List<String> provides, String language, String description,
                               String licence, List<VoiceFile> files) {
        public long totalBytes() {
            return files.stream().mapToLong(VoiceFile::size).sum();
        }
    }

    public record VoiceFile(String name, String url, String sha256, long size) {
    }


    public static VoiceManifest read(Path file) {
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        try {
            var tree = json.readTree(file.toFile());
            List<VoicePackage> packages = List.of(json.treeToValue(tree.path("packages"), VoicePackage[].class));
            return new VoiceManifest(tree.path("default").asText(null), packages);
        } catch (IOException e) {
            throw new NarratorException(ErrorCode.INVALID_REQUEST, "cannot read the voice manifest " + file + ": "
                    + e.getMessage());
        }
    }

    public Optional<VoicePackage> find(String id) {
        return packages.stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
