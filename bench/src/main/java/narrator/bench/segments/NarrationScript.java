package narrator.bench.segments;

import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's English script of a given length, built from varied sentences: a subject, a deed and a
 * circumstance taken from three lists of coprime lengths, so the first 7 x 11 x 13 = 1001 sentences all differ,
 * and their lengths vary as a real script's do. The same length always gives the same text.
 */
final class NarrationScript {
    /** espeak-ng en-us with the default pauses, measured: 320 of these words made 91.6 s of speech. */
    static final int WORDS_PER_MINUTE = 210;

    private static final List<String> SUBJECTS = List.of("The old harbour master", "A young baker from the hills",
            "Every fisherman in the bay", "The woman who runs the lighthouse", "Two children on bicycles",
            "A tired traveller", "The mayor of the little town");
    private static final List<String> DEEDS = List.of("walks slowly along the quay", "opens the wooden shutters",
            "counts the boats coming home", "writes a long letter to a friend far away", "sings an old song",
            "repairs a torn net with patient hands", "watches the clouds gather over the sea",
            "sells warm bread and apple cake", "tells the same story for the hundredth time", "feeds the noisy gulls",
            "paints the front door a bright shade of blue");
    private static final List<String> CIRCUMSTANCES = List.of("before the sun rises", "while the market fills up",
            "as the wind turns to the west", "in the quiet hour after lunch", "when the church bell rings six",
            "under a sky full of rain", "long after everyone else has gone to sleep", "on the first warm day of spring",
            "with a cup of strong coffee", "near the end of a busy summer", "just as the ferry leaves",
            "in the soft light of the evening", "without saying a single word");

    private NarrationScript() {
    }

    /** About {@code minutes} of speech: sentences until {@link #WORDS_PER_MINUTE} times that many words. */
    static String of(double minutes) {
        long words = Math.round(minutes * WORDS_PER_MINUTE);
        List<String> sentences = new ArrayList<>();
        int count = 0;
        for (int i = 0; count < Math.max(1, words); i++) {
            String sentence = SUBJECTS.get(i % SUBJECTS.size()) + " " + DEEDS.get(i % DEEDS.size()) + " "
                    + CIRCUMSTANCES.get(i % CIRCUMSTANCES.size()) + ".";
            sentences.add(sentence);
            count += sentence.split(" ").length;
        }
        return String.join(" ", sentences);
    }
}
