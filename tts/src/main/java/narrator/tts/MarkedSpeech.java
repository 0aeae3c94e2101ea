package narrator.tts;

import java.util.List;

/** Speech with the true start of every word the engine spoke, in speaking order. */
public record MarkedSpeech(Speech speech, List<WordMark> words) {
    public MarkedSpeech {
        words = List.copyOf(words);
    }
}
