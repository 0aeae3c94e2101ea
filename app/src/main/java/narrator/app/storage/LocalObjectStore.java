package narrator.app.storage;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;

/**
 * Objects as files under {@code root}, served by the app itself at {@code publicBaseUrl/files/KEY}.
 * The default store: it needs no account and keeps a self-hosted install working out of the box.
 */
public final class LocalObjectStore implements ObjectStore {
    private static final int MAX_KEY_LENGTH = 1024;

    private final Path root;
    private final String filesBaseUrl;

    public LocalObjectStore(Path root, URI publicBaseUrl) {
        this.root = root.toAbsolutePath().normalize();
        String base = publicBaseUrl.toString();
        this.filesBaseUrl = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/files/";
    }

    @Override
    public StoredObject put(String key, Path file, String contentType) {
        Path target = pathOf(key);
        try {
            Files.createDirectories(target.getParent());
            // Copy next to the target, then rename: a reader of /files/KEY never sees half a file.
            Path temp = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
            try {
                Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING);
                // Same directory, so the rename is atomic and replaces any previous object.
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
            return new StoredObject(key, url(key), Files.size(target));
        } catch (IOException e) {
            throw new NarratorException(ErrorCode.STORAGE_ERROR,
                    "could not store " + key + " under " + root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public URI presign(String key, Duration ttl) {
        pathOf(key);
        return URI.create(url(key));
    }

    @Override
    public void download(String bucket, String key, Path dest, long maxBytes, Duration deadline,
                         narrator.pipeline.CancelSignal cancel) {
        checkReadable(bucket);
    }

    @Override
    public void checkReadable(String bucket) {
        throw new NarratorException(ErrorCode.INVALID_REQUEST, "s3:// inputs need S3 storage configured");
    }

    @Override
    public void get(String key, Path dest, narrator.pipeline.CancelSignal cancel) {
        cancel.throwIfCancelled();
        try {
            Files.copy(pathOf(key), dest, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new NarratorException(ErrorCode.STORAGE_ERROR, "could not read " + key + " under " + root + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public boolean exists(String key) {
        return resolve(key).isPresent();
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(pathOf(key));
        } catch (IOException e) {
            throw new NarratorException(ErrorCode.STORAGE_ERROR, "could not delete " + key + " under " + root + ": "
                    + e.getMessage(), e);
        }
    }

    /** The file behind a served key; empty for unsafe keys and missing files (both answer 404). */
    public Optional<Path> resolve(String key) {
        try {
            Path path = pathOf(key);
            return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
        } catch (NarratorException e) {
            return Optional.empty();
        }
    }

    @Override
    public String describe() {
        return "local files in " + root + " served at " + filesBaseUrl;
    }

    /** Keys come from requests too (the /files route): refuse anything that could leave {@code root}. */
    private Path pathOf(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH
                || key.indexOf('\\') >= 0 || key.indexOf('\0') >= 0) {
            throw unsafeKey(key);
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw unsafeKey(key);
            }
        }
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw unsafeKey(key);
        }
        return path;
    }

    private static NarratorException unsafeKey(String key) {
        return new NarratorException(ErrorCode.INVALID_REQUEST, "unsafe storage key: " + key);
    }

    private String url(String key) {
        StringBuilder url = new StringBuilder(filesBaseUrl);
        String[] segments = key.split("/");
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                url.append('/');
            }
            url.append(URLEncoder.encode(segments[i], StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return url.toString();
    }
}
