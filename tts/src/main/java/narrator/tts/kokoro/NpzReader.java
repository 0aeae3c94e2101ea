package narrator.tts.kokoro;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;

/**
 * A NumPy {@code .npz} file: a zip (stored or deflated entries) of {@code NAME.npy} arrays.
 * {@link #open} reads only the zip's index; {@link #read} inflates and parses one array, so a
 * caller holding a 54-voice file pays memory only for the arrays it uses.
 */
final class NpzReader {
    private static final String SUFFIX = ".npy";

    private final Path file;
    private final List<String> names;

    private NpzReader(Path file, List<String> names) {
        this.file = file;
        this.names = names;
    }

    /** @throws NarratorException VOICE_UNAVAILABLE when the file is missing or not a zip */
    static NpzReader open(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<String> names = new ArrayList<>();
            zip.stream()
                    .filter(entry -> !entry.isDirectory() && entry.getName().endsWith(SUFFIX))
                    .forEach(entry -> names.add(entry.getName().substring(0, entry.getName().length() - SUFFIX.length())));
            Collections.sort(names);
            return new NpzReader(file, List.copyOf(names));
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw missing(file, e);
        } catch (ZipException e) {
            throw notNpz(file, e);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    Path file() {
        return file;
    }

    /** The array names, sorted, without the {@code .npy} suffix. */
    List<String> names() {
        return names;
    }

    /** @throws NarratorException VOICE_UNAVAILABLE when the array is missing or malformed */
    NpyArray read(String name) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.getEntry(name + SUFFIX);
            if (entry == null) {
                throw new NarratorException(ErrorCode.VOICE_UNAVAILABLE,
                        "the voices file " + file + " has no array named " + name);
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return NpyArray.parse(in.readAllBytes());
            }
        } catch (IllegalArgumentException e) {
            throw new NarratorException(ErrorCode.VOICE_UNAVAILABLE,
                    "the array " + name + " in " + file + " " + e.getMessage(), e);
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw missing(file, e);
        } catch (ZipException e) {
            throw notNpz(file, e);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static NarratorException missing(Path file, IOException cause) {
        return new NarratorException(ErrorCode.VOICE_UNAVAILABLE, "the voices file " + file + " does not exist", cause);
    }

    private static NarratorException notNpz(Path file, IOException cause) {
        return new NarratorException(ErrorCode.VOICE_UNAVAILABLE,
                "the voices file " + file + " is not a NumPy .npz archive (truncated or the wrong file?)", cause);
    }

    private static NarratorException unreadable(Path file, IOException cause) {
        return new NarratorException(ErrorCode.VOICE_UNAVAILABLE,
                "the voices file " + file + " cannot be read: " + cause.getMessage(), cause);
    }
}
