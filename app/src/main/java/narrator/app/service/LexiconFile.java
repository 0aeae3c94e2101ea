package narrator.app.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import narrator.app.config.ConfigException;
import narrator.pipeline.script.Lexicon;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service-wide lexicon, {@code LEXICON_FILE}: a JSON object of written form to spoken form, read
 * again whenever the file's modification time or size changes, so an edit applies to the next job
 * without a restart. A file that cannot be read at start stops start-up; an edit that breaks it later
 * is logged and the last good lexicon stays in use.
 */
public final class LexiconFile implements Supplier<Lexicon> {
    private static final Logger LOG = LoggerFactory.getLogger(LexiconFile.class);
    private static final TypeReference<Map<String, String>> ENTRIES = new TypeReference<>() { };

    private record Loaded(FileTime modified, long size, Lexicon lexicon) {
    }

    private final Path file;
    private final AtomicReference<Loaded> loaded = new AtomicReference<>();

    /** {@code file} null: no service lexicon. */
    public LexiconFile(Path file) {
        this.file = file;
        if (file != null) {
            try {
                loaded.set(read());
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException("LEXICON_FILE " + file + " is not a readable JSON object of strings: "
                        + e.getMessage());
            }
        }
    }

    @Override
    public Lexicon get() {
        if (file == null) {
            return Lexicon.EMPTY;
        }
        Loaded last = loaded.get();
        try {
            if (!Files.getLastModifiedTime(file).equals(last.modified()) || Files.size(file) != last.size()) {
                Loaded fresh = read();
                loaded.set(fresh);
                LOG.info("LEXICON_FILE reloaded: {} entries", fresh.lexicon().entries().size());
                return fresh.lexicon();
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("LEXICON_FILE {} could not be read again, keeping the last good one: {}", file, e.getMessage());
        }
        return last.lexicon();
    }

    private Loaded read() throws IOException {
        FileTime modified = Files.getLastModifiedTime(file);
        long size = Files.size(file);
        Map<String, String> entries = new ObjectMapper().readValue(file.toFile(), ENTRIES);
        return new Loaded(modified, size, new Lexicon(entries));
    }
}
