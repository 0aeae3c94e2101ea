package narrator.app.voices;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import narrator.app.voices.VoiceManifest.VoiceFile;
import narrator.app.voices.VoiceManifest.VoicePackage;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;

/**
 * Downloads a voice package from the manifest into the models directory. Each file is streamed to a
 * temporary name, its size and SHA-256 checked against the manifest, and only then moved into
 * place, so a broken or tampered download never becomes an installed voice.
 */
public final class VoiceFetcher {
    private final HttpClient http;
    private final Duration timeout;

    public VoiceFetcher(Duration timeout) {
        // The addresses come from our own manifest, and model hosts redirect to their CDNs.
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(15)).build();
        this.timeout = timeout;
    }

    public void fetch(VoicePackage voice, Path modelsDir, PrintStream log) {
        try {
            Files.createDirectories(modelsDir);
            for (VoiceFile file : voice.files()) {
                Path target = modelsDir.resolve(file.name());
                if (Files.isRegularFile(target) && Files.size(target) == file.size() && sha256(target).equals(file.sha256())) {
                    log.println("  " + file.name() + ": already installed");
                    continue;
                }
                log.printf("  %s: downloading %.1f MB%n", file.name(), file.size() / 1e6);
                download(file, target);
            }
        } catch (IOException e) {
            throw new NarratorException(ErrorCode.DOWNLOAD_FAILED, "cannot install " + voice.id() + ": " + e.getMessage(), e);
        }
    }

    private void download(VoiceFile file, Path target) throws IOException {
        if (file.sha256() == null || file.sha256().isBlank()) {
            throw new NarratorException(ErrorCode.DOWNLOAD_FAILED, file.name() + " has no checksum in the manifest; "
                    + "refusing to install an unverified model");
        }
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(file.url()))
                    .timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw new NarratorException(ErrorCode.DOWNLOAD_FAILED, file.name() + ": HTTP " + response.statusCode());
            }
            MessageDigest sha = sha256Digest();
            long written;
            try (InputStream in = response.body();
                 OutputStream out = new DigestOutputStream(Files.newOutputStream(partial), sha)) {
                written = in.transferTo(out);
            }
            String actual = HexFormat.of().formatHex(sha.digest());
            if (written != file.size() || !actual.equalsIgnoreCase(file.sha256())) {
                throw new NarratorException(ErrorCode.DOWNLOAD_FAILED, file.name() + " failed verification: got "
                        + written + " bytes with sha256 " + actual + ", expected " + file.size() + " bytes with sha256 "
                        + file.sha256());
            }
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NarratorException(ErrorCode.DOWNLOAD_FAILED, file.name() + ": interrupted");
        } catch (IOException e) {
            throw new NarratorException(ErrorCode.DOWNLOAD_FAILED, file.name() + ": " + reason(e, file), e);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** Java's connection errors often carry no message; say what failed in words. */
    private static String reason(IOException e, VoiceFile file) {
        String host = URI.create(file.url()).getHost();
        if (e instanceof java.net.ConnectException || e.getCause() instanceof java.nio.channels.UnresolvedAddressException) {
            return "cannot connect to " + host + " (offline, or the host is blocked here)";
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "timed out talking to " + host;
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName() + " talking to " + host;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest sha = sha256Digest();
        try (InputStream in = Files.newInputStream(file);
             OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
            in.transferTo(out);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
