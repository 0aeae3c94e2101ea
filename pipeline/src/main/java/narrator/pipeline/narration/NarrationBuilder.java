package narrator.pipeline.narration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.CancelSignal;
import narrator.pipeline.Narration;
import narrator.pipeline.ProgressListener;
import narrator.pipeline.Sentence;
import narrator.pipeline.SpokenSentence;
import narrator.pipeline.Stage;
import narrator.tts.Speech;
import narrator.tts.SpeechOptions;
import narrator.tts.SpokenText;
import narrator.tts.Voice;

/**
 * Speaks each sentence and joins them, with pauses, into one WAV. Every sentence's place is counted
 * in samples as it is written, so subtitle timing is exact and cannot drift however long the script.
 * Only one sentence's audio is in memory at a time.
 */
public final class NarrationBuilder {
    private final SpeechCache cache;
    private final Pauses pauses;

    public NarrationBuilder(SpeechCache cache, Pauses pauses) {
        this.cache = cache;
        this.pauses = pauses;
    }

    /** {@code sentences} in one voice. */
    public Narration narrate(List<Sentence> sentences, Voice voice, SpeechOptions options, Path wavOut,
                             ProgressListener progress, CancelSignal cancel) {
        return narrate(sentences, Cast.of(voice, options), wavOut, progress, cancel);
    }

    /**
     * {@code sentences}, each in its speaker's voice from {@code cast}. The track runs at the highest
     * sample rate of the voices used; speech at another rate is resampled to it, and every sentence's
     * place is still counted in the samples written.
     */
    public Narration narrate(List<Sentence> sentences, Cast cast, Path wavOut, ProgressListener progress,
                             CancelSignal cancel) {
        if (sentences.isEmpty()) {
            throw new NarratorException(ErrorCode.INVALID_TEXT, "The script has no sentences to speak");
        }
        Set<Voice> voices = cast.voices(sentences);
        int trackRate = voices.stream().mapToInt(v -> v.info().sampleRate()).max().orElseThrow();
        List<SpokenSentence> spoken = new ArrayList<>(sentences.size());
        WavWriter wav = null;
        try {
            for (int i = 0; i < sentences.size(); i++) {
                cancel.throwIfCancelled();
                Sentence sentence = sentences.get(i);
                Cast.Voicing voicing = cast.of(sentence);
                CachedSpeech speech = speak(voicing.voice(), voicing.options(), sentence.spoken());
                progress.progress(Stage.SYNTHESIZING, (i + 1) / (double) sentences.size());
                if (speech == null) {
                    continue; // nothing speakable in this sentence (e.g. a lone "* * *" line)
                }
                if (wav == null) {
                    wav = new WavWriter(wavOut, trackRate);
                }
                if (!spoken.isEmpty()) {
                    wav.writeSilence(pauseAfter(sentences.get(i - 1), trackRate));
                }
                long start = wav.samplesWritten();
                wav.writePcm(atRate(speech, trackRate));
                spoken.add(new SpokenSentence(sentence.text(), start, wav.samplesWritten(), speech.phonemes(),
                        speech.wordStarts().stream().map(w -> start + atRate(w, speech.sampleRate(), trackRate)).toList(),
                        sentence.speaker(), sentence.emphasis()));
            }
            if (wav == null) {
                throw new NarratorException(ErrorCode.INVALID_TEXT,
                        "The script has nothing a voice can speak (only punctuation, symbols or emoji)");
            }
            long total = wav.samplesWritten();
            wav.close();
            wav = null;
            return new Narration(wavOut, trackRate, total, spoken);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + wavOut, e);
        } finally {
            // The render that follows needs the memory the voices worked in (a 1 GB machine has no spare).
            voices.forEach(Voice::releaseWorkingMemory);
            if (wav != null) {
                try {
                    wav.close();
                } catch (IOException ignored) {
                    // already failing; the caller removes the work directory
                }
            }
        }
    }

    /** The writer's pause after a sentence when it asked for one, else the usual sentence or paragraph pause. */
    private long pauseAfter(Sentence sentence, int sampleRate) {
        return sentence.pauseAfterSeconds() != null ? Math.round(sentence.pauseAfterSeconds() * sampleRate)
                : pauses.samplesAfter(sentence.paragraphEnd(), sampleRate);
    }

    /** A sample offset of speech at {@code rate} moved to the track's rate, as the resampling moves it. */
    private static long atRate(long sample, int rate, int trackRate) {
        return rate == trackRate ? sample : Math.round(sample * (double) trackRate / rate);
    }

    private static byte[] atRate(CachedSpeech speech, int trackRate) {
        return speech.sampleRate() == trackRate ? speech.pcm16()
                : Pcm16.encode(Resampler.resample(Pcm16.decode(speech.pcm16()), speech.sampleRate(), trackRate));
    }

    /** The sentence's speech from the cache or the voice; null when the sentence has nothing speakable. */
    private CachedSpeech speak(Voice voice, SpeechOptions options, SpokenText text) {
        String key = SpeechCache.key(voice.info().id(), options, text.key());
        var cached = cache.get(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        Speech speech;
        try {
            speech = voice.speak(text, options);
        } catch (NarratorException e) {
            if (e.code() == ErrorCode.INVALID_TEXT) {
                return null;
            }
            throw e;
        }
        CachedSpeech result = new CachedSpeech(Pcm16.encode(speech.samples()), speech.sampleRate(), speech.phonemes(),
                speech.wordStarts());
        cache.put(key, result);
        return result;
    }
}
