package narrator.pipeline.narration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    public Narration narrate(List<Sentence> sentences, Voice voice, SpeechOptions options, Path wavOut,
                             ProgressListener progress, CancelSignal cancel) {
        if (sentences.isEmpty()) {
            throw new NarratorException(ErrorCode.INVALID_TEXT, "The script has no sentences to speak");
        }
        String voiceId = voice.info().id();
        List<SpokenSentence> spoken = new ArrayList<>(sentences.size());
        int sampleRate = 0;
        WavWriter wav = null;
        try {
            for (int i = 0; i < sentences.size(); i++) {
                cancel.throwIfCancelled();
                Sentence sentence = sentences.get(i);
                CachedSpeech speech = speak(voice, voiceId, options, sentence.text());
                progress.progress(Stage.SYNTHESIZING, (i + 1) / (double) sentences.size());
                if (speech == null) {
                    continue; // nothing speakable in this sentence (e.g. a lone "* * *" line)
                }
                if (wav == null) {
                    sampleRate = speech.sampleRate();
                    wav = new WavWriter(wavOut, sampleRate);
                } else if (speech.sampleRate() != sampleRate) {
                    throw new NarratorException(ErrorCode.TTS_FAILED, "Voice " + voiceId + " changed sample rate from "
                            + sampleRate + " to " + speech.sampleRate() + " Hz within one script");
                }
                if (!spoken.isEmpty()) {
                    wav.writeSilence(pauses.samplesAfter(sentences.get(i - 1).paragraphEnd(), sampleRate));
                }
                long start = wav.samplesWritten();
                wav.writePcm(speech.pcm16());
                spoken.add(new SpokenSentence(sentence.text(), start, wav.samplesWritten(), speech.phonemes(),
                        speech.wordStarts().stream().map(s -> s + start).toList()));
            }
            if (wav == null) {
                throw new NarratorException(ErrorCode.INVALID_TEXT,
                        "The script has nothing a voice can speak (only punctuation, symbols or emoji)");
            }
            long total = wav.samplesWritten();
            wav.close();
            wav = null;
            return new Narration(wavOut, sampleRate, total, spoken);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + wavOut, e);
        } finally {
            // The render that follows needs the memory the voice worked in (a 1 GB machine has no spare).
            voice.releaseWorkingMemory();
            if (wav != null) {
                try {
                    wav.close();
                } catch (IOException ignored) {
                    // already failing; the caller removes the work directory
                }
            }
        }
    }

    /** The sentence's speech from the cache or the voice; null when the sentence has nothing speakable. */
    private CachedSpeech speak(Voice voice, String voiceId, SpeechOptions options, String text) {
        String key = SpeechCache.key(voiceId, options, text);
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
