package narrator.app.openai;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.Sentence;
import narrator.pipeline.narration.Pauses;
import narrator.pipeline.narration.Pcm16;
import narrator.pipeline.narration.Resampler;
import narrator.pipeline.render.FfmpegRunner;
import narrator.pipeline.script.ScriptSplitter;
import narrator.tts.Speech;
import narrator.tts.SpeechOptions;
import narrator.tts.Voice;
import narrator.tts.catalogue.VoiceCatalogue;

/**
 * Speaks a {@link SpeechRequest} one sentence at a time and writes each sentence's audio as soon as it is
 * synthesized, so a listener hears the first sentence while the rest is still being made. The first
 * speakable sentence is synthesized by {@link #open}, before anything is sent: a voice that fails, or a
 * text with nothing to speak, still answers with an error status.
 */
public final class SpeechStreamer {
    /** How long FFmpeg may take to encode what is left once the last sentence is in. */
    private static final Duration ENCODE_TAIL = Duration.ofSeconds(60);

    private final VoiceCatalogue voices;
    private final ScriptSplitter splitter;
    private final Pauses pauses;
    private final FfmpegRunner ffmpeg;

    public SpeechStreamer(VoiceCatalogue voices, ScriptSplitter splitter, Pauses pauses, FfmpegRunner ffmpeg) {
        this.voices = voices;
        this.splitter = splitter;
        this.pauses = pauses;
        this.ffmpeg = ffmpeg;
    }

    /**
     * Loads the voice and synthesizes the first sentence, with the request's FFmpeg (if its format needs one)
     * starting meanwhile; {@link Audio#writeTo} sends it and the rest. Close the audio when done.
     */
    public Audio open(SpeechRequest request) {
        Voice voice;
        try {
            voice = voices.voice(request.voiceId());
        } catch (NarratorException e) {
            throw e.code() == ErrorCode.UNKNOWN_VOICE ? new NarratorException(ErrorCode.UNKNOWN_VOICE,
                    "no voice '" + request.voiceId() + "' is installed (GET /voices lists them)", Map.of("field", "voice"),
                    null) : e;
        }
        FfmpegRunner.Pipe encoder = request.format().encoder().map(ffmpeg::pipe).orElse(null);
        Audio audio = new Audio(request.format(), voice, new SpeechOptions(request.speed(), null),
                splitter.split(request.input()), encoder);
        try {
            if (!audio.advance()) {
                throw new NarratorException(ErrorCode.INVALID_TEXT, "input has nothing a voice can speak "
                        + "(only punctuation, symbols or emoji)", Map.of("field", "input"), null);
            }
            return audio;
        } catch (RuntimeException e) {
            audio.close();
            throw e;
        }
    }

    /** The audio of one request: the next sentence's PCM is ready before it is written. */
    public final class Audio implements AutoCloseable {
        private final AudioFormat format;
        private final Voice voice;
        private final SpeechOptions options;
        private final List<Sentence> sentences;
        private int next;
        private byte[] ready;
        private boolean anySpoken;
        /** FFmpeg for the compressed formats; null for pcm and wav. */
        private final FfmpegRunner.Pipe encoder;

        private Audio(AudioFormat format, Voice voice, SpeechOptions options, List<Sentence> sentences,
                      FfmpegRunner.Pipe encoder) {
            this.encoder = encoder;
            this.format = format;
            this.voice = voice;
            this.options = options;
            this.sentences = sentences;
        }

        public AudioFormat format() {
            return format;
        }

        /**
         * Writes the audio to {@code out}, flushing after each sentence (for FFmpeg's formats, after each packet).
         *
         * @throws UncheckedIOException when {@code out} fails (the listener went away); FFmpeg is killed then
         */
        public void writeTo(OutputStream out) {
            try {
                if (encoder != null) {
                    encode(encoder, out);
                } else {
                    out.write(format.preamble());
                    do {
                        out.write(ready);
                        out.flush();
                    } while (advance());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** One FFmpeg reads the PCM on stdin; a second thread copies what it encodes to {@code out}. */
        private void encode(FfmpegRunner.Pipe pipe, OutputStream out) throws IOException {
            AtomicReference<IOException> sendFailed = new AtomicReference<>();
            Thread pump = new Thread(() -> {
                try {
                    copy(pipe.stdout(), out);
                } catch (IOException e) {
                    sendFailed.set(e);
                    pipe.close(); // the listener is gone: stop encoding, which stops the synthesis too
                }
            }, "speech-encoder-out");
            pump.setDaemon(true);
            pump.start();
            try (OutputStream in = pipe.stdin()) {
                do {
                    in.write(ready);
                    in.flush();
                } while (sendFailed.get() == null && advance());
            } catch (IOException e) {
                if (sendFailed.get() == null) {
                    throw e;
                }
            }
            join(pump);
            if (sendFailed.get() != null) {
                throw sendFailed.get();
            }
            pipe.finish(ENCODE_TAIL);
        }

        /** Kills the FFmpeg if it still runs (the request failed or the listener left). */
        @Override
        public void close() {
            if (encoder != null) {
                encoder.close();
            }
        }

        /** Synthesizes the next speakable sentence into {@link #ready}, with the pause before it; false at the end. */
        private boolean advance() {
            while (next < sentences.size()) {
                Sentence sentence = sentences.get(next++);
                Speech speech;
                try {
                    speech = voice.speak(sentence.text(), options);
                } catch (NarratorException e) {
                    if (e.code() == ErrorCode.INVALID_TEXT) {
                        continue; // nothing speakable here (a lone "* * *"): the next sentence may have some
                    }
                    throw e;
                }
                byte[] pcm = Pcm16.encode(Resampler.resample(speech.samples(), speech.sampleRate(), AudioFormat.SAMPLE_RATE));
                int pause = anySpoken ? 2 * (int) pauses.samplesAfter(sentences.get(next - 2).paragraphEnd(),
                        AudioFormat.SAMPLE_RATE) : 0;
                ready = new byte[pause + pcm.length];
                System.arraycopy(pcm, 0, ready, pause, pcm.length);
                anySpoken = true;
                return true;
            }
            return false;
        }
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            out.write(buffer, 0, n);
            out.flush();
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NarratorException(ErrorCode.CANCELLED, "The request was cancelled");
        }
    }
}
