package narrator.tts.espeak;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;

/**
 * The process-wide espeak-ng library. espeak-ng keeps global state and is not thread-safe, so every
 * call goes through this one instance and is serialized on it.
 */
final class EspeakEngine {
    private final EspeakNative lib;
    private final boolean reportsTerminators;
    // Held in a field: JNA frees a callback once Java no longer references it.
    private final EspeakNative.SynthCallback callback = this::collect;

    /**
     * Plain IPA. The npm phonemizer package also puts a space in bits 8-23, which its newer espeak-ng
     * ignores without the tie flag but 1.51 would write between every phoneme.
     */
    private static final int PHONEME_TRACE_MODE = EspeakNative.PHONEMES_IPA;

    private String currentVoice;
    private SampleSink sink;
    private EspeakNative.LibC libc;

    private EspeakEngine(EspeakNative lib, boolean reportsTerminators) {
        this.lib = lib;
        this.reportsTerminators = reportsTerminators;
        int sampleRate = lib.espeak_Initialize(EspeakNative.AUDIO_OUTPUT_SYNCHRONOUS, 0, null,
                EspeakNative.INITIALIZE_DONT_EXIT);
        if (sampleRate <= 0) {
            throw new NarratorException(ErrorCode.VOICE_UNAVAILABLE,
                    "espeak-ng could not start: its data directory (espeak-ng-data) is missing");
        }
        lib.espeak_SetSynthCallback(callback);
    }

    private static EspeakEngine shared;

    /** Loads the library on first use; a failed load is retried on the next call. */
    static synchronized EspeakEngine shared() {
        if (shared == null) {
            try {
                shared = new EspeakEngine(Native.load(EspeakNative.LIBRARY, EspeakNative.class),
                        hasFunction(EspeakNative.TEXT_TO_PHONEMES_WITH_TERMINATOR));
            } catch (UnsatisfiedLinkError e) {
                throw new NarratorException(ErrorCode.VOICE_UNAVAILABLE,
                        "the espeak-ng library (libespeak-ng.so.1) is not installed", e);
            }
        }
        return shared;
    }

    /**
     * {@code text} split into clauses as piper-phonemize reads it: the same calls, each clause's IPA
     * and terminator (from espeak-ng itself since 1.53, recovered from its text position before).
     */
    synchronized List<EspeakClause> clauses(String text, String voice) {
        selectVoice(voice);
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        Memory buffer = nulTerminated(utf8);
        long start = Pointer.nativeValue(buffer);
        PointerByReference cursor = new PointerByReference(buffer);
        IntByReference terminator = new IntByReference();
        TerminatorRecovery recovery = reportsTerminators ? null : new TerminatorRecovery(text, voice);
        List<EspeakClause> clauses = new ArrayList<>();
        while (cursor.getValue() != null) {
            Pointer ipa = reportsTerminators
                    ? lib.espeak_TextToPhonemesWithTerminator(cursor, EspeakNative.CHARS_AUTO,
                            EspeakNative.PHONEMES_IPA, terminator)
                    : lib.espeak_TextToPhonemes(cursor, EspeakNative.CHARS_AUTO, EspeakNative.PHONEMES_IPA);
            String phonemes = ipa == null ? "" : ipa.getString(0, "UTF-8");
            if (recovery != null) {
                Pointer next = cursor.getValue();
                terminator.setValue(recovery.next(next == null ? -1 : Pointer.nativeValue(next) - start));
            }
            clauses.add(new EspeakClause(phonemes, terminator.getValue()));
        }
        return clauses;
    }

    /**
     * The phoneme trace espeak-ng writes while synthesizing {@code text} ({@code espeak-ng -q --ipa}):
     * one line per clause. It can differ from {@link #clauses} in stress (a lone "What" is stressed
     * here, not there), and it is what the npm {@code phonemizer} package reads.
     */
    synchronized String phonemeTrace(String text, String language) {
        selectVoice(language);
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        Memory buffer = nulTerminated(utf8);
        PointerByReference output = new PointerByReference();
        NativeLongByReference outputSize = new NativeLongByReference();
        Pointer stream = libc().open_memstream(output, outputSize);
        if (stream == null) {
            throw new NarratorException(ErrorCode.TTS_FAILED, "espeak-ng's phoneme output could not be opened");
        }
        lib.espeak_SetPhonemeTrace(PHONEME_TRACE_MODE, stream);
        int result;
        try {
            result = lib.espeak_Synth(buffer, utf8.length + 1L, 0, EspeakNative.POS_CHARACTER, 0,
                    EspeakNative.CHARS_UTF8, null, null);
            if (result == EspeakNative.EE_OK) {
                result = lib.espeak_Synchronize();
            }
        } finally {
            lib.espeak_SetPhonemeTrace(0, null);
            // Closing the stream sets the buffer and its size.
            libc().fclose(stream);
        }
        Pointer written = output.getValue();
        try {
            if (result != EspeakNative.EE_OK) {
                throw new NarratorException(ErrorCode.TTS_FAILED, "espeak-ng failed to phonemize (error " + result + ")");
            }
            return new String(written.getByteArray(0, (int) outputSize.getValue().longValue()), StandardCharsets.UTF_8);
        } finally {
            libc().free(written);
        }
    }

    /**
     * Synthesizes {@code text} at {@code wordsPerMinute} (espeak-ng clamps the rate to its range): the samples
     * and, from espeak-ng's word events, where each word starts. {@code ssml}: the text is an SSML document.
     */
    synchronized Marked synthesize(String text, String language, int wordsPerMinute, boolean ssml) {
        selectVoice(language);
        lib.espeak_SetParameter(EspeakNative.PARAM_RATE, wordsPerMinute, 0);
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        Memory buffer = nulTerminated(utf8);
        sink = new SampleSink();
        try {
            int result = lib.espeak_Synth(buffer, utf8.length + 1L, 0, EspeakNative.POS_CHARACTER, 0,
                    EspeakNative.CHARS_UTF8 | (ssml ? EspeakNative.SSML : 0), null, null);
            if (result != EspeakNative.EE_OK || lib.espeak_Synchronize() != EspeakNative.EE_OK) {
                throw new NarratorException(ErrorCode.TTS_FAILED,
                        "espeak-ng failed to synthesize (error " + result + ")");
            }
            return new Marked(sink.toArray(), List.copyOf(sink.words));
        } finally {
            sink = null;
        }
    }

    /** A synthesis and its word events: {@code words} hold {textPosition (1-based, in code points), sample}. */
    record Marked(short[] samples, List<int[]> words) {
    }

    /** @throws NarratorException UNKNOWN_VOICE when espeak-ng has no such language */
    synchronized void requireLanguage(String language) {
        selectVoice(language);
    }

    private EspeakNative.LibC libc() {
        if (libc == null) {
            libc = Native.load("c", EspeakNative.LibC.class);
        }
        return libc;
    }

    private int collect(Pointer samples, int count, Pointer events) {
        if (sink == null) {
            return 0;
        }
        // Events come before the samples they mark; espeak_EVENT's 'sample' counts from the synthesis' start.
        for (long at = 0; events != null; at += EspeakNative.EVENT_BYTES) {
            int type = events.getInt(at);
            if (type == EspeakNative.EVENT_LIST_TERMINATED) {
                break;
            }
            if (type == EspeakNative.EVENT_WORD) {
                sink.words.add(new int[] {events.getInt(at + EspeakNative.EVENT_TEXT_POSITION),
                        events.getInt(at + EspeakNative.EVENT_SAMPLE)});
            }
        }
        if (samples != null && count > 0) {
            sink.add(samples.getShortArray(0, count));
        }
        return 0;
    }

    private void selectVoice(String language) {
        if (language.equals(currentVoice)) {
            return;
        }
        if (language.isBlank() || !(lib.espeak_SetVoiceByName(language) == EspeakNative.EE_OK
                || lib.espeak_SetVoiceByProperties(EspeakNative.VoiceSelector.forLanguage(language)) == EspeakNative.EE_OK)) {
            currentVoice = null;
            throw new NarratorException(ErrorCode.UNKNOWN_VOICE,
                    "espeak-ng has no language '" + language + "' (try en-us, en-gb, fr, de, es)");
        }
        currentVoice = language;
    }

    private static Memory nulTerminated(byte[] utf8) {
        Memory buffer = new Memory(utf8.length + 1L);
        buffer.write(0, utf8, 0, utf8.length);
        buffer.setByte(utf8.length, (byte) 0);
        return buffer;
    }

    private static boolean hasFunction(String name) {
        try {
            NativeLibrary.getInstance(EspeakNative.LIBRARY).getFunction(name);
            return true;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }

    /** Growable sample buffer filled by the synth callback. */
    private static final class SampleSink {
        private short[] samples = new short[22050];
        private int size;
        private final List<int[]> words = new ArrayList<>();

        void add(short[] chunk) {
            if (size + chunk.length > samples.length) {
                samples = Arrays.copyOf(samples, Math.max(samples.length * 2, size + chunk.length));
            }
            System.arraycopy(chunk, 0, samples, size, chunk.length);
            size += chunk.length;
        }

        short[] toArray() {
            return Arrays.copyOf(samples, size);
        }
    }
}
