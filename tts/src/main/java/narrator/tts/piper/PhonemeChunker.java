package narrator.tts.piper;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one sentence's phonemes into pieces a Piper model can take in one call. Piper models are
 * trained on sentences of a few hundred phonemes; far longer inputs exhaust memory or degrade, so
 * long sentences are cut after clause punctuation if possible, else between words.
 */
final class PhonemeChunker {
    private final int limit;

    PhonemeChunker(int limit) {
        if (limit < 2) {
            throw new IllegalArgumentException("limit must be at least 2");
        }
        this.limit = limit;
    }

    /** Chunks of at most {@code limit} codepoints, stripped, none empty. */
    List<String> split(String phonemes) {
        List<String> chunks = new ArrayList<>();
        int[] codepoints = phonemes.strip().codePoints().toArray();
        int start = 0;
        while (start < codepoints.length) {
            int end = codepoints.length - start <= limit ? codepoints.length : cut(codepoints, start);
            String chunk = new String(codepoints, start, end - start).strip();
            if (!chunk.isEmpty()) {
                chunks.add(chunk);
            }
            start = end;
        }
        return chunks;
    }

    /** The exclusive end of the chunk starting at {@code start}: after punctuation, a space, or hard. */
    private int cut(int[] codepoints, int start) {
        int max = start + limit;
        int space = -1;
        for (int i = max - 1; i > start; i--) {
            if (codepoints[i] == ' ') {
                // Only in the window's second half, so a cut never leaves a tiny chunk behind.
                if (isClausePunctuation(codepoints[i - 1]) && i - start >= limit / 2) {
                    return i + 1;
                }
                if (space < 0) {
                    space = i + 1;
                }
            }
        }
        return space > 0 ? space : max;
    }

    private static boolean isClausePunctuation(int codepoint) {
        return codepoint == ',' || codepoint == ';' || codepoint == ':';
    }
}
