package narrator.tts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import org.junit.jupiter.api.Test;

class TtsSettingsTest {
    @Test
    void defaults() {
        TtsSettings settings = TtsSettings.defaults();
        assertEquals("piper", settings.provider());
        assertEquals(Path.of("models", "voices"), settings.modelsDir());
        assertEquals(2, settings.piperThreads());
        assertEquals(2, settings.kokoroThreads());
        assertEquals("af_bella", settings.kokoroSpeaker());
        assertEquals(null, settings.piperModelPath());
    }

    @Test
    void providerIsNormalizedAndChecked() {
        assertEquals("kokoro", TtsSettings.defaults().withProvider(" Kokoro ").provider());
        NarratorException e = assertThrows(NarratorException.class, () -> TtsSettings.defaults().withProvider("sapi"));
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
        assertEquals("TTS_PROVIDER 'sapi' is not one of piper, kokoro, espeak", e.getMessage());
    }
}
