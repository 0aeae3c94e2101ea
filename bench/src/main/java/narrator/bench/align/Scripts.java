package narrator.bench.align;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import narrator.pipeline.Sentence;

/** Scripts of a chosen length drawn from a fixed pool of narration-like English sentences. */
final class Scripts {
    static final List<String> POOL = List.of(
            "Every morning the small harbour town wakes up before the sun.",
            "Fishing boats slip out of the bay while the streets are still dark and quiet.",
            "By seven o'clock the bakery on the corner has sold its first trays of bread.",
            "Children walk to school along the sea wall, counting the gulls on the railings.",
            "In the afternoon, tourists arrive on the ferry with cameras and heavy bags.",
            "The old lighthouse keeper tells them stories about storms from forty years ago.",
            "Nobody knows how much of it is true, but everyone listens anyway.",
            "When the tide goes out, the rock pools fill with crabs, shrimp and tiny fish.",
            "A narrow path climbs the cliff to a chapel that was built in 1862.",
            "From the top you can see three islands and, on a clear day, the mainland.",
            "The market opens on Saturdays, selling cheese, honey, wool and smoked mackerel.",
            "Prices have doubled since last summer, the farmers say, because fuel is expensive.",
            "Still, the queue at the fish stall reaches halfway down the square.",
            "In winter the town is very different.",
            "Half of the shops close, the ferry runs twice a week, and the wind never stops.",
            "People gather in the pub to play cards, mend nets and argue about football.",
            "The school has only twenty-three pupils, taught by two teachers in one building.",
            "Last year a young couple opened a workshop that repairs bicycles and radios.",
            "Their business is growing slowly, mostly thanks to word of mouth.",
            "Scientists visit every spring to count the seabirds nesting on the cliffs.",
            "They say the puffin colony has recovered remarkably over the past decade.",
            "Visitors are asked to keep their dogs on a lead and to stay on marked paths.",
            "The harbour master checks the weather forecast three times a day.",
            "If a gale is coming, she raises a red flag above the customs house.",
            "Then the boats stay in, and the whole town seems to hold its breath.",
            "Electricity arrived here only in 1951, long after the rest of the country.",
            "Before that, families cooked on peat fires and read by the light of oil lamps.",
            "Today there is fast internet, although the signal disappears during storms.",
            "Some residents work remotely for companies in cities they have never visited.",
            "Others prefer the old ways and would rather not talk about computers at all.",
            "At sunset the sky over the water turns orange, then purple, then deep blue.",
            "That is when the town is at its most beautiful, and its most peaceful.");

    /** Another text for the mismatch set: same language, different words. */
    static final List<String> OTHER = List.of(
            "Quarterly revenue rose by eleven percent, driven mainly by software subscriptions.",
            "Operating costs were flat, although hiring in engineering accelerated in March.",
            "The board approved a dividend and authorised a new share buyback programme.",
            "Management expects growth to slow next year as competition intensifies.",
            "Investors reacted calmly, and the stock closed slightly higher on the day.",
            "Analysts will publish their revised forecasts after the conference call.");

    /** German, for the other-language recording. */
    static final List<String> GERMAN = List.of(
            "Jeden Morgen erwacht die kleine Hafenstadt noch vor der Sonne.",
            "Die Fischerboote verlassen die Bucht, während die Straßen noch dunkel sind.",
            "Um sieben Uhr hat die Bäckerei an der Ecke schon das erste Brot verkauft.",
            "Die Kinder gehen an der Mauer entlang zur Schule und zählen die Möwen.",
            "Am Nachmittag kommen die Touristen mit der Fähre und schweren Taschen.",
            "Der alte Leuchtturmwärter erzählt ihnen Geschichten von großen Stürmen.");

    private Scripts() {
    }

    /** About {@code seconds} of speech: sentences drawn from the pool in a seeded order, a paragraph every four. */
    static List<Sentence> ofSeconds(double seconds, long seed) {
        Random random = new Random(seed);
        List<Sentence> sentences = new ArrayList<>();
        // About 4 s per pooled sentence with its pause.
        int count = Math.max(2, (int) Math.round(seconds / 4.0));
        for (int i = 0; i < count; i++) {
            sentences.add(new Sentence(POOL.get(random.nextInt(POOL.size())), i % 4 == 3));
        }
        return sentences;
    }

    static List<Sentence> of(List<String> texts) {
        return texts.stream().map(t -> new Sentence(t, false)).toList();
    }
}
