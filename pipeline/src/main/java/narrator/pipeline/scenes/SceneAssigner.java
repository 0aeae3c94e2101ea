package narrator.pipeline.scenes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.Sentence;
import narrator.pipeline.SpokenSentence;

/**
 * Decides where each scene starts: the script is split into sentences (by {@code [scene N]} markers
 * first, when it has them) and every scene gets the index of its first sentence. Pure; a request whose
 * scenes do not fit its script is {@link ErrorCode#INVALID_REQUEST} on the field {@code scenes},
 * before any speech is made.
 */
public final class SceneAssigner {
    /** The sentences to speak, and the index of each scene's first one (the first scene's is 0). */
    public record Assignment(List<Sentence> sentences, List<Integer> starts) {
        public Assignment {
            sentences = List.copyOf(sentences);
            starts = List.copyOf(starts);
        }
    }

    private final Function<String, List<Sentence>> reader;

    /** {@code reader} turns (a piece of) the script into sentences, as the narration reads it (markup included). */
    public SceneAssigner(Function<String, List<Sentence>> reader) {
        this.reader = reader;
    }

    public Assignment assign(String script, List<SceneOptions> scenes) {
        if (SceneMarkers.present(script)) {
            return byMarkers(script, scenes);
        }
        List<Sentence> sentences = reader.apply(script);
        List<Integer> paragraphs = paragraphStarts(sentences);
        Anchor first = scenes.get(0).anchor();
        for (int i = 1; i < scenes.size(); i++) {
            if (scenes.get(i).anchor().getClass() != first.getClass()) {
                throw invalid("scenes[" + i + "] is attached differently from scenes[0]: attach every scene by paragraph, "
                        + "every one by sentences, or none");
            }
        }
        List<Integer> starts = new ArrayList<>();
        int n = scenes.size();
        if (first instanceof Anchor.Auto) {
            if (n > paragraphs.size()) {
                throw invalid(n + " scenes but the script has " + paragraphs.size() + " paragraphs: attach scenes to "
                        + "sentences or to [scene N] markers, or use fewer scenes");
            }
            for (int i = 0; i < n; i++) {
                starts.add(paragraphs.get((int) ((long) i * paragraphs.size() / n)));
            }
        } else if (first instanceof Anchor.Paragraph) {
            for (int i = 0; i < n; i++) {
                int number = ((Anchor.Paragraph) scenes.get(i).anchor()).number();
                int previous = i == 0 ? 0 : ((Anchor.Paragraph) scenes.get(i - 1).anchor()).number();
                if (i == 0 && number != 1 || number <= previous || number > paragraphs.size()) {
                    throw invalid("scenes[" + i + "].paragraph is " + number + ": paragraphs rise from 1 (the first "
                            + "scene's) and the script has " + paragraphs.size());
                }
                starts.add(paragraphs.get(number - 1));
            }
        } else {
            int next = 1;
            for (int i = 0; i < n; i++) {
                Anchor.Sentences range = (Anchor.Sentences) scenes.get(i).anchor();
                if (range.first() != next || range.last() < range.first() || range.last() > sentences.size()) {
                    throw invalid("scenes[" + i + "].sentences is [" + range.first() + ", " + range.last() + "]: ranges "
                            + "follow each other from sentence 1 with no gap, and the script has " + sentences.size()
                            + " sentences");
                }
                starts.add(range.first() - 1);
                next = range.last() + 1;
            }
            if (next != sentences.size() + 1) {
                throw invalid("the scenes cover sentences 1 to " + (next - 1) + " but the script has " + sentences.size());
            }
        }
        return new Assignment(sentences, starts);
    }

    private Assignment byMarkers(String script, List<SceneOptions> scenes) {
        for (int i = 0; i < scenes.size(); i++) {
            if (!(scenes.get(i).anchor() instanceof Anchor.Auto)) {
                throw invalid("scenes[" + i + "] is attached by paragraph or sentences, but the script places scenes "
                        + "with [scene N] markers: use one or the other");
            }
        }
        List<SceneMarkers.Piece> pieces = SceneMarkers.pieces(script);
        List<Sentence> sentences = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            SceneMarkers.Piece piece = pieces.get(i);
            if (piece.scene() != i + 1) {
                throw invalid("the script's markers must run [scene 1] (optional, at the start), [scene 2], ... in order, "
                        + "once each; found [scene " + piece.scene() + "] where scene " + (i + 1) + " belongs");
            }
            List<Sentence> own = reader.apply(piece.text());
            if (own.isEmpty()) {
                throw invalid("[scene " + piece.scene() + "] is followed by nothing to speak");
            }
            starts.add(sentences.size());
            sentences.addAll(own);
            if (!piece.endsParagraph()) {
                Sentence last = sentences.remove(sentences.size() - 1);
                sentences.add(new Sentence(last.text(), false, last.speaker(), last.emphasis(), last.pronunciations(),
                        last.pauseAfterSeconds()));
            }
        }
        if (pieces.size() != scenes.size()) {
            throw invalid(scenes.size() + " scenes but the script's markers place " + pieces.size());
        }
        return new Assignment(sentences, starts);
    }

    /**
     * The sample at which each scene starts: its first sentence's first sample (0 for the first scene).
     * A sentence the voice found nothing to say in was skipped from {@code spoken}; the scene then starts
     * at its first sentence that was spoken.
     */
    public static List<Long> startSamples(Assignment assignment, List<SpokenSentence> spoken) {
        List<Sentence> sentences = assignment.sentences();
        // spoken is sentences in order with the unspeakable ones left out: match them up by text.
        long[] startOf = new long[sentences.size() + 1];
        int j = 0;
        for (int k = 0; k < sentences.size(); k++) {
            boolean said = j < spoken.size() && spoken.get(j).text().equals(sentences.get(k).text());
            startOf[k] = said ? spoken.get(j++).startSample() : -1;
        }
        List<Integer> starts = assignment.starts();
        List<Long> samples = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            int end = i + 1 < starts.size() ? starts.get(i + 1) : sentences.size();
            int k = starts.get(i);
            while (k < end && startOf[k] < 0) {
                k++;
            }
            if (k == end) {
                throw invalid("scenes[" + i + "] has no sentence a voice could speak");
            }
            samples.add(i == 0 ? 0 : startOf[k]);
        }
        return samples;
    }

    /** First sentence of each paragraph. */
    private static List<Integer> paragraphStarts(List<Sentence> sentences) {
        List<Integer> starts = new ArrayList<>();
        for (int k = 0; k < sentences.size(); k++) {
            if (k == 0 || sentences.get(k - 1).paragraphEnd()) {
                starts.add(k);
            }
        }
        return starts;
    }

    static NarratorException invalid(String message) {
        return new NarratorException(ErrorCode.INVALID_REQUEST, message, Map.of("field", "scenes"), null);
    }
}
