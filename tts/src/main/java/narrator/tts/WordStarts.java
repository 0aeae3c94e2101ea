package narrator.tts;

import java.util.ArrayList;
import java.util.List;

/**
 * Word starts from a model's durations output: the model says how many frames each input id lasts;
 * a word starts where its first id does. Frames are turned into samples in proportion to the audio the
 * call returned, so no engine's hop length has to be known and the last word ends at the last sample.
 */
public final class WordStarts {
    private WordStarts() {
    }

    /**
     * @param durations    frames per id, as the model returned them (one per id)
     * @param idCount      how many ids the call sent
     * @param wordStartIds the index of each word's first id
     * @param samples      how many samples the call returned
     * @return each word's first sample, or empty when the durations do not fit the ids
     */
    public static List<Long> fromDurations(double[] durations, int idCount, List<Integer> wordStartIds, int samples) {
        if (durations.length != idCount || wordStartIds.isEmpty()) {
            return List.of();
        }
        double[] before = new double[idCount + 1];
        for (int i = 0; i < idCount; i++) {
            if (!(durations[i] >= 0)) {
                return List.of();
            }
            before[i + 1] = before[i] + durations[i];
        }
        if (!(before[idCount] > 0)) {
            return List.of();
        }
        List<Long> starts = new ArrayList<>(wordStartIds.size());
        for (int id : wordStartIds) {
            starts.add(Math.round(before[id] / before[idCount] * samples));
        }
        return starts;
    }

    /** The starts of one call placed {@code offset} samples into the whole speech. */
    public static List<Long> shifted(List<Long> starts, long offset) {
        return starts.stream().map(s -> s + offset).toList();
    }
}
