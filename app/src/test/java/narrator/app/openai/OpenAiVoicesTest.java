package narrator.app.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import narrator.app.config.ConfigException;
import narrator.app.config.Settings;
import narrator.pipeline.narration.Resampler;
import org.junit.jupiter.api.Test;

class OpenAiVoicesTest {
    @Test
    void mappedNamesUnmappedOpenAiNamesAndNarratorIds() {
        OpenAiVoices voices = OpenAiVoices.parse(" alloy = piper:en_US-lessac-medium , NOVA=kokoro:af_bella,");

        assertEquals(Map.of("alloy", "piper:en_US-lessac-medium", "nova", "kokoro:af_bella"), voices.aliases());
        assertEquals("piper:en_US-lessac-medium", voices.resolve("Alloy", "espeak:en-us"));
        assertEquals("kokoro:af_bella", voices.resolve("nova", "espeak:en-us"));
        assertEquals("espeak:en-us", voices.resolve("onyx", "espeak:en-us"), "unmapped OpenAI name: the default");
        assertEquals("espeak:de", voices.resolve("espeak:de", "espeak:en-us"), "anything else is a Narrator id");
        assertEquals(OpenAiVoices.NONE, OpenAiVoices.parse(""));
    }

    @Test
    void aMalformedMapStopsStartUpNamingTheSetting() {
        for (String bad : new String[] {"alloy", "alloy=", "=piper:x", "alloy=a,alloy=b"}) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> Settings.from(Map.of("OPENAI_VOICE_MAP", bad), Path.of("/opt/narrator")), bad);
            assertEquals(true, e.getMessage().contains("OPENAI_VOICE_MAP"), e.getMessage());
        }
    }

    @Test
    void voicesAreResampledTo24kHzKeepingTheirLength() {
        float[] ramp = new float[22050];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = i / 22050f;
        }
        float[] out = Resampler.resample(ramp, 22050, AudioFormat.SAMPLE_RATE);

        assertEquals(24000, out.length);
        assertEquals(0.5f, out[12000], 1e-4f);
        assertEquals(ramp, Resampler.resample(ramp, 24000, 24000));
    }
}
