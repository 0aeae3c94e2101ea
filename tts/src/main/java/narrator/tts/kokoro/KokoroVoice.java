package narrator.tts.kokoro;

import java.util.ArrayList;
import java.util.List;
import narrator.tts.ModelCall;
import narrator.tts.Speech;
import narrator.tts.SpeechOptions;
import narrator.tts.SpokenText;
import narrator.tts.Voice;
import narrator.tts.VoiceInfo;
import narrator.tts.WordStarts;

/**
 * One voice of a {@link KokoroModel}: text -> the {@link KokoroFrontEnd}'s model calls -> one model
 * run each -> concatenated audio. Holds no mutable state, so it is as thread-safe as the model it
 * shares.
 */
final class KokoroVoice implements Voice {
    private final KokoroModel model;
    private final String name;
    private final VoiceInfo info;

    KokoroVoice(KokoroModel model, String name) {
        this.model = model;
        this.name = name;
        // Kokoro voices are single-speaker: the voice name picks the speaker, options.speaker() is unused.
        this.info = KokoroModel.describe(name);
    }

    @Override
    public VoiceInfo info() {
        return info;
    }

    @Override
    public Speech speak(String text, SpeechOptions options) {
        return speak(model.frontEnd().calls(text, name), options);
    }

    @Override
    public Speech speak(SpokenText text, SpeechOptions options) {
        return speak(model.frontEnd().calls(text, name), options);
    }

    private Speech speak(List<ModelCall> calls, SpeechOptions options) {
        List<float[]> parts = new ArrayList<>();
        List<Long> wordStarts = new ArrayList<>();
        boolean timed = true;
        long offset = 0;
        for (ModelCall call : calls) {
            KokoroModel.Audio audio = model.synthesize(name, call, options.speed());
            parts.add(audio.samples());
            List<Integer> startIds = KokoroVocab.wordStarts(call.phonemes());
            List<Long> starts = WordStarts.fromDurations(audio.durations(), call.ids().size(), startIds,
                    audio.samples().length);
            timed &= starts.size() == startIds.size();
            wordStarts.addAll(WordStarts.shifted(starts, offset));
            offset += audio.samples().length;
        }
        String phonemes = String.join(" ", calls.stream().map(ModelCall::phonemes).toList());
        return new Speech(concat(parts), KokoroModel.SAMPLE_RATE, phonemes, timed ? wordStarts : List.of());
    }

    @Override
    public void releaseWorkingMemory() {
        model.releaseWorkingMemory(name);
    }

    private static float[] concat(List<float[]> parts) {
        float[] all = new float[parts.stream().mapToInt(part -> part.length).sum()];
        int at = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
