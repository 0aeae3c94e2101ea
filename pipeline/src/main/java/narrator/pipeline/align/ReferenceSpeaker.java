package narrator.pipeline.align;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.Sentence;
import narrator.pipeline.SpokenSentence;
import narrator.pipeline.narration.Pcm16;
import narrator.tts.MarkedSpeech;
import narrator.tts.SpeechOptions;
import narrator.tts.WordMark;
import narrator.tts.espeak.EspeakVoice;

/**
 * Speaks a script with espeak-ng for alignment. espeak-ng is the one engine that reports where each word
 * truly starts (its word events), it needs no model, and it runs about a hundred times faster than real
 * time; its sounds only need to resemble the recording's. Short pauses separate sentences, as a
 * narrator's would, and shorter ones words.
 */
public final class ReferenceSpeaker {
    private static final double EDGE_SECONDS = 0.2;
    private static final double SENTENCE_PAUSE_SECONDS = 0.35;
    private static final double PARAGRAPH_PAUSE_SECONDS = 0.7;
    /**
     * Silence put before every word but a sentence's first: where the narrator pauses between words the
     * path can rest on it instead of smearing the pause over a word (word p95 error 108 -> 78 ms).
     */
    private static final double WORD_GAP_SECONDS = 0.02;

    private final EspeakVoice voice;

    /** @param voice an espeak-ng voice for the script's language (a voice's {@code info().language()}) */
    public ReferenceSpeaker(EspeakVoice voice) {
        this.voice = voice;
    }

    public Reference speak(List<Sentence> sentences, SpeechOptions options) {
        int rate = EspeakVoice.SAMPLE_RATE;
        Pcm pcm = new Pcm();
        pcm.silence(seconds(EDGE_SECONDS, rate));
        List<SpokenSentence> spoken = new ArrayList<>();
        boolean paragraphEnd = false;
        for (Sentence sentence : sentences) {
            MarkedSpeech speech;
            try {
                speech = voice.speakMarked(sentence.text(), options);
            } catch (NarratorException e) {
                if (e.code() == ErrorCode.INVALID_TEXT) {
                    continue; // nothing speakable, as the narration skips it
                }
                throw e;
            }
            if (!spoken.isEmpty()) {
                pcm.silence(seconds(paragraphEnd ? PARAGRAPH_PAUSE_SECONDS : SENTENCE_PAUSE_SECONDS, rate));
            }
            float[] samples = speech.speech().samples();
            List<Long> inSpeech = wordStarts(sentence.text(), speech.words(), 0, samples.length);
            List<Long> words = new ArrayList<>(inSpeech.size());
            int from = 0;
            for (int w = 0; w < inSpeech.size(); w++) {
                int at = (int) (long) inSpeech.get(w);
                if (w > 0 && at > from) {
                    pcm.add(samples, from, at);
                    pcm.silence(seconds(WORD_GAP_SECONDS, rate));
                    from = at;
                }
                words.add((long) pcm.size + (at - from));
            }
            pcm.add(samples, from, samples.length);
            // The sentence is heard from its first word, not from the engine's lead-in silence.
            // (Speakable text always holds a word with a letter or digit, so there is a first word.)
            spoken.add(new SpokenSentence(sentence.text(), words.get(0), pcm.size, speech.speech().phonemes(), words,
                    sentence.speaker(), sentence.emphasis()));
            paragraphEnd = sentence.paragraphEnd();
        }
        if (spoken.isEmpty()) {
            throw new NarratorException(ErrorCode.INVALID_TEXT,
                    "The script has nothing a voice can speak (only punctuation, symbols or emoji)");
        }
        pcm.silence(seconds(EDGE_SECONDS, rate));
        return new Reference(pcm.toArray(), rate, spoken);
    }

    /**
     * Each text word's start in samples from the first engine word event inside it ("3.5" may be several
     * spoken words), or -1 where the engine spoke the word as part of the one before (espeak-ng reports
     * "on the" as one word).
     */
    public static long[] markedStarts(String text, List<WordMark> marks) {
        List<int[]> words = TextWords.ranges(text);
        long[] starts = new long[words.size()];
        int m = 0;
        for (int w = 0; w < starts.length; w++) {
            int[] word = words.get(w);
            while (m < marks.size() && marks.get(m).textIndex() < word[0]) {
                m++;
            }
            boolean marked = m < marks.size() && marks.get(m).textIndex() < word[1];
            starts[w] = marked ? marks.get(m).sample() : -1;
        }
        return starts;
    }

    /** Marked starts with the unmarked words placed between their neighbours by letters, shifted by {@code offset}. */
    static List<Long> wordStarts(String text, List<WordMark> marks, long offset, long length) {
        long[] starts = markedStarts(text, marks);
        List<int[]> words = TextWords.ranges(text);
        List<Long> filled = new ArrayList<>(starts.length);
        int w = 0;
        while (w < starts.length) {
            if (starts[w] >= 0) {
                filled.add(offset + starts[w++]);
                continue;
            }
            int next = w;
            while (next < starts.length && starts[next] < 0) {
                next++;
            }
            // Share the span from the previous known start to the next among the words in it, by letters.
            int from = w == 0 ? 0 : w - 1;
            long spanStart = w == 0 ? 0 : starts[w - 1];
            long spanEnd = next < starts.length ? starts[next] : length;
            long letters = 0;
            for (int k = from; k < next; k++) {
                letters += words.get(k)[1] - words.get(k)[0];
            }
            long before = w == 0 ? 0 : words.get(w - 1)[1] - words.get(w - 1)[0];
            for (int k = w; k < next; k++) {
                filled.add(offset + spanStart + (spanEnd - spanStart) * before / Math.max(1, letters));
                before += words.get(k)[1] - words.get(k)[0];
            }
            w = next;
        }
        return filled;
    }

    private static int seconds(double seconds, int rate) {
        return (int) Math.round(seconds * rate);
    }

    /** A growing 16-bit buffer. */
    private static final class Pcm {
        private short[] samples = new short[1 << 16];
        private int size;

        void add(float[] more, int from, int to) {
            ensure(to - from);
            for (int i = from; i < to; i++) {
                samples[size++] = Pcm16.toShort(more[i]);
            }
        }

        void silence(int count) {
            ensure(count);
            size += count;
        }

        private void ensure(int more) {
            if (size + more > samples.length) {
                samples = Arrays.copyOf(samples, Math.max(samples.length * 2, size + more));
            }
        }

        short[] toArray() {
            return Arrays.copyOf(samples, size);
        }
    }
}
