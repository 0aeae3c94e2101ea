package narrator.tts.espeak;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The slice of espeak-ng's C API (speak_lib.h, 1.51 and 1.53) that Narrator uses. Constants are copied from
 * the header because Debian ships the library without it.
 */
interface EspeakNative extends Library {
    // The versioned name: Debian's runtime package ships no unversioned libespeak-ng.so link.
    String LIBRARY = "libespeak-ng.so.1";

    int AUDIO_OUTPUT_SYNCHRONOUS = 2;
    /** Report errors instead of calling exit() inside the library. */
    int INITIALIZE_DONT_EXIT = 0x8000;
    int CHARS_AUTO = 0;
    int CHARS_UTF8 = 1;
    /** The text is SSML: espeak-ng reads its {@code <emphasis>} tags. */
    int SSML = 0x10;
    int PHONEMES_IPA = 0x02;
    int POS_CHARACTER = 1;
    int PARAM_RATE = 1;
    int EE_OK = 0;

    /** speak_lib.h's espeak_EVENT on a 64-bit system: its size, the types used and its int fields' offsets. */
    long EVENT_BYTES = 40;
    int EVENT_LIST_TERMINATED = 0;
    int EVENT_WORD = 1;
    long EVENT_TEXT_POSITION = 8;
    long EVENT_SAMPLE = 20;

    /** Receives synthesized samples; return 0 to continue, 1 to abort. */
    interface SynthCallback extends Callback {
        int invoke(Pointer samples, int count, Pointer events);
    }

    int espeak_Initialize(int output, int bufferMillis, String dataPath, int options);

    int espeak_SetVoiceByName(String name);

    /** Selects the best voice for a language tag; accepts tags such as en-gb that name no voice file. */
    int espeak_SetVoiceByProperties(VoiceSelector selector);

    /** speak_lib.h's espeak_VOICE, used only as a selector. */
    @Structure.FieldOrder({"name", "languages", "identifier", "gender", "age", "variant", "xx1", "score", "spare"})
    class VoiceSelector extends Structure {
        public String name;
        public String languages;
        public String identifier;
        public byte gender;
        public byte age;
        public byte variant;
        public byte xx1;
        public int score;
        public Pointer spare;

        static VoiceSelector forLanguage(String language) {
            VoiceSelector selector = new VoiceSelector();
            selector.languages = language;
            return selector;
        }
    }

    Pointer espeak_TextToPhonemes(PointerByReference textPointer, int textMode, int phonemeMode);

    /** Since 1.53 only (absent in Debian 12's 1.51): also reports the clause's terminator. */
    String TEXT_TO_PHONEMES_WITH_TERMINATOR = "espeak_TextToPhonemesWithTerminator";

    Pointer espeak_TextToPhonemesWithTerminator(PointerByReference textPointer, int textMode, int phonemeMode,
                                                IntByReference terminator);

    void espeak_SetSynthCallback(SynthCallback callback);

    int espeak_SetParameter(int parameter, int value, int relative);

    int espeak_Synth(Pointer text, long size, int position, int positionType, int endPosition,
                     int flags, Pointer uniqueIdentifier, Pointer userData);

    int espeak_Synchronize();

    /** Writes the phonemes of each clause synthesized from now on to {@code stream} (a C FILE*), or stops. */
    void espeak_SetPhonemeTrace(int phonemeMode, Pointer stream);

    /** The C library calls that give espeak a FILE* writing to memory. */
    interface LibC extends Library {
        Pointer open_memstream(PointerByReference buffer, NativeLongByReference size);

        int fclose(Pointer stream);

        void free(Pointer pointer);
    }
}
