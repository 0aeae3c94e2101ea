package narrator.pipeline.narration;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import narrator.tts.SpeechOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounded on-disk cache of synthesized sentences, keyed by voice, speed, speaker and text, so a
 * re-render or a repeated sentence costs no inference. Least recently used entries are evicted once
 * the directory exceeds its byte budget. Safe across threads and processes: entries are written to a
 * temporary file named with the writer's PID and moved into place; a damaged entry reads as a miss,
 * and a temporary file whose writer died before the move (a {@code kill -9}) is deleted by the next
 * process's first write.
 */
public final class SpeechCache {
    private static final Logger LOG = LoggerFactory.getLogger(SpeechCache.class);
    // "NSP2": entries since word starts were stored; older "NSPC" entries read as misses.
    private static final int MAGIC = 0x4E535032;
    private static final String TMP = ".tmp";

    private final Path dir;
    private final long maxBytes;
    /** Bytes on disk as this process last counted them; -1 until the first put scans the directory. */
    private final AtomicLong storedBytes = new AtomicLong(-1);

    public SpeechCache(Path dir, long maxBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
    }

    /** A cache that stores nothing. */
    public static SpeechCache disabled() {
        return new SpeechCache(null, 0);
    }

    static String key(String voiceId, SpeechOptions options, String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String material = voiceId + '\u0000' + options.speed() + '\u0000'
                    + (options.speaker() == null ? "" : options.speaker()) + '\u0000' + text;
            return HexFormat.of().formatHex(sha.digest(material.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Optional<CachedSpeech> get(String key) {
        if (dir == null) {
            return Optional.empty();
        }
        Path file = dir.resolve(key);
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(raw)) {
            if (in.readInt() != MAGIC) {
                return Optional.empty();
            }
            int sampleRate = in.readInt();
            byte[] phonemes = new byte[in.readInt()];
            in.readFully(phonemes);
            byte[] pcm = new byte[in.readInt()];
            in.readFully(pcm);
            List<Long> wordStarts = new ArrayList<>();
            for (int n = in.readInt(); n > 0; n--) {
                wordStarts.add(in.readLong());
            }
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
            return Optional.of(new CachedSpeech(pcm, sampleRate, new String(phonemes, StandardCharsets.UTF_8),
                    wordStarts));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.warn("speech cache entry {} unreadable, synthesizing again: {}", key, e.toString());
            return Optional.empty();
        }
    }

    void put(String key, CachedSpeech speech) {
        if (dir == null || maxBytes <= 0) {
            return;
        }
        try {
            Files.createDirectories(dir);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(speech.pcm16().length + 256);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                byte[] phonemes = speech.phonemes().getBytes(StandardCharsets.UTF_8);
                out.writeInt(MAGIC);
                out.writeInt(speech.sampleRate());
                out.writeInt(phonemes.length);
                out.write(phonemes);
                out.writeInt(speech.pcm16().length);
                out.write(speech.pcm16());
                out.writeInt(speech.wordStarts().size());
                for (long start : speech.wordStarts()) {
                    out.writeLong(start);
                }
            }
            Path tmp = Files.createTempFile(dir, key + "." + ProcessHandle.current().pid() + ".", TMP);
            Files.write(tmp, bytes.toByteArray());
            try {
                Files.move(tmp, dir.resolve(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir.resolve(key), StandardCopyOption.REPLACE_EXISTING);
            }
            if (storedBytes.compareAndSet(-1, 0)) {
                storedBytes.set(evictOverBudget());
            } else if (storedBytes.addAndGet(bytes.size()) > maxBytes) {
                // Counting our own writes keeps the scan off the hot path; the scan recounts what is really
                // there, so another process sharing the directory can at most double the overshoot.
                storedBytes.set(evictOverBudget());
            }
        } catch (IOException e) {
            // The cache is an optimisation: a full or read-only disk must not fail the render.
            LOG.warn("speech cache write failed: {}", e.toString());
        }
    }

    /**
     * Deletes the temporary files of writers that died, then least recently used entries until the
     * directory is under budget; returns the bytes left.
     */
    private long evictOverBudget() throws IOException {
        List<Path> entries = new ArrayList<>();
        long total = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (!name.endsWith(TMP)) {
                    entries.add(p);
                    total += sizeOf(p);
                } else if (writerGone(name)) {
                    Files.deleteIfExists(p);
                }
            }
        }
        if (total <= maxBytes) {
            return total;
        }
        entries.sort(Comparator.comparing(SpeechCache::modified));
        for (Path p : entries) {
            if (total <= maxBytes * 9 / 10) {
                break;
            }
            long size = sizeOf(p);
            Files.deleteIfExists(p);
            total -= size;
        }
        return total;
    }

    /** Whether the process named in a temporary file's name ({@code KEY.PID.RANDOM.tmp}) has ended. */
    static boolean writerGone(String tmpName) {
        String[] parts = tmpName.split("\\.");
        try {
            return parts.length != 4 || ProcessHandle.of(Long.parseLong(parts[1])).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return true; // not a name this class writes: nobody will move it into place
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
