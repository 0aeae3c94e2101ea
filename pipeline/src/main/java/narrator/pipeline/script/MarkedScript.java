package narrator.pipeline.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import narrator.pipeline.Pronunciation;
import narrator.pipeline.Sentence;
import narrator.pipeline.Speaker;
import narrator.pipeline.TextSpan;
import narrator.tts.SpokenText;

/** A script with its markup read ({@link ScriptMarkup#parse}): passages ready to be cut into sentences. */
public final class MarkedScript {
    /** A place in the script, counted from 1, as error messages name it. */
    public record Place(int line, int column) {
        @Override
        public String toString() {
            return "line " + line + ", column " + column;
        }
    }

    /** IPA the writer gave, who says it (null: the request's voice) and where it stands. */
    public record IpaUse(Speaker speaker, String ipa, Place place) {
    }

    private final String source;
    private final List<Passage> passages;

    MarkedScript(String source, List<Passage> passages) {
        this.source = source;
        this.passages = List.copyOf(passages);
    }

    /**
     * The sentences to narrate: each passage cut by {@code splitter} as a plain script is, the markup's
     * spans moved onto the sentences they fall in (a pronunciation only when it falls wholly in one).
     * A writer's pause replaces the usual one after the sentence before it; pauses in a row add up.
     * A plain script gives exactly {@code splitter.split(script)}.
     */
    public List<Sentence> sentences(ScriptSplitter splitter) {
        List<Sentence> sentences = new ArrayList<>();
        for (int p = 0; p < passages.size(); p++) {
            Passage passage = passages.get(p);
            List<Sentence> plain = splitter.split(passage.text());
            if (plain.isEmpty()) {
                if (passage.pauseAfter() != null && !sentences.isEmpty()) {
                    Sentence last = sentences.remove(sentences.size() - 1);
                    sentences.add(withPause(last, last.paragraphEnd(), passage.pauseAfter()));
                }
                continue;
            }
            SentenceLocator locator = new SentenceLocator(passage.text());
            for (int k = 0; k < plain.size(); k++) {
                Sentence sentence = marked(plain.get(k), passage, locator.next(plain.get(k).text()));
                if (k == plain.size() - 1) {
                    boolean paragraphEnd = p == passages.size() - 1 || passage.endsParagraph();
                    sentence = withPause(sentence, paragraphEnd, passage.pauseAfter());
                }
                sentences.add(sentence);
            }
        }
        return List.copyOf(sentences);
    }

    /** The whole script as one text for a voice, pronunciations in place and pauses left out. */
    public SpokenText spoken() {
        List<SpokenText.Part> parts = new ArrayList<>();
        for (Passage passage : passages) {
            parts.addAll(new Sentence(passage.text(), false, null, List.of(), passage.pronunciations(), null)
                    .spoken().parts());
        }
        return new SpokenText(parts);
    }

    /** Every IPA pronunciation, inline or from the lexicon, in script order. */
    public List<IpaUse> ipa() {
        List<IpaUse> uses = new ArrayList<>();
        for (Passage passage : passages) {
            for (Pronunciation p : passage.pronunciations()) {
                if (p.ipa()) {
                    uses.add(new IpaUse(passage.speaker(), p.spoken(),
                            place(source, passage.sourceOffsets()[p.span().start()])));
                }
            }
        }
        return uses;
    }

    /** Where the named speaker first says something, if anywhere. */
    public Optional<Place> firstLineOf(String speakerName) {
        return passages.stream()
                .filter(p -> p.speaker() != null && p.speaker().name().equals(speakerName) && !p.text().isBlank())
                .findFirst()
                .map(p -> place(source, p.sourceOffsets()[firstNonSpace(p.text())]));
    }

    static Place place(String source, int index) {
        int line = 1;
        int lineStart = 0;
        for (int k = 0; k < index && k < source.length(); k++) {
            int breaks = TextNormalizer.lineBreaks(source, k);
            if (breaks > 0 && !(source.charAt(k) == '\r' && k + 1 < source.length() && source.charAt(k + 1) == '\n')) {
                line += breaks;
                lineStart = k + 1;
            }
        }
        return new Place(line, index - lineStart + 1);
    }

    private static int firstNonSpace(String text) {
        int k = 0;
        while (Character.isWhitespace(text.charAt(k))) {
            k++;
        }
        return k;
    }

    /** {@code plain}'s text with the passage's spans that fall in it; {@code at[j]} is where its character j is. */
    private static Sentence marked(Sentence plain, Passage passage, int[] at) {
        List<TextSpan> emphasis = new ArrayList<>();
        for (TextSpan span : passage.emphasis()) {
            clip(span, at).ifPresent(emphasis::add);
        }
        List<Pronunciation> pronunciations = new ArrayList<>();
        for (Pronunciation p : passage.pronunciations()) {
            if (holds(at, p.span().start()) && holds(at, p.span().end() - 1)) {
                clip(p.span(), at).ifPresent(clipped -> pronunciations.add(new Pronunciation(clipped, p.spoken(), p.ipa())));
            }
        }
        return new Sentence(plain.text(), plain.paragraphEnd(), passage.speaker(), emphasis, pronunciations, null);
    }

    /** The part of a passage span inside the sentence, in the sentence's characters. */
    private static Optional<TextSpan> clip(TextSpan span, int[] at) {
        int start = -1;
        int end = -1;
        for (int j = 0; j < at.length; j++) {
            if (at[j] >= span.start() && at[j] < span.end()) {
                start = start < 0 ? j : start;
                end = j + 1;
            }
        }
        return start < 0 ? Optional.empty() : Optional.of(new TextSpan(start, end));
    }

    private static boolean holds(int[] at, int passageIndex) {
        for (int index : at) {
            if (index == passageIndex) {
                return true;
            }
        }
        return false;
    }

    private static Sentence withPause(Sentence s, boolean paragraphEnd, Double pause) {
        Double total = s.pauseAfterSeconds();
        if (pause != null) {
            total = total == null ? pause : Double.valueOf(total + pause);
        }
        return new Sentence(s.text(), paragraphEnd, s.speaker(), s.emphasis(), s.pronunciations(), total);
    }
}
