package narrator.pipeline.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import narrator.pipeline.Sentence;

/**
 * Turns a script into the sentences to narrate, each a comfortable length to speak and to show as a
 * subtitle. Pure and thread-safe; linear in the script's length apart from the cuts of over-long
 * sentences, which are n log n at worst.
 *
 * <p>Stages: {@link TextNormalizer} cleans the text; {@link ParagraphReader} finds paragraphs and the
 * line breaks that end sentences; {@link SentenceBreaker} cuts lines at end marks;
 * {@link ShortSentenceMerger} and then {@link LongSentenceSplitter} apply the {@link SplitRules}
 * within each paragraph. The last sentence of every paragraph is marked {@code paragraphEnd}.
 *
 * <p>Sentences are the script's own text, trimmed, with whitespace normalized. A paragraph with
 * nothing to say (no letter or digit, such as a "* * *" scene break) is left out, so an empty,
 * blank or punctuation-only script gives an empty list; the caller decides whether that is an error.
 */
public final class ScriptSplitter {
    private final ShortSentenceMerger merger;
    private final LongSentenceSplitter splitter;

    public ScriptSplitter(SplitRules rules) {
        Objects.requireNonNull(rules, "rules");
        this.merger = new ShortSentenceMerger(rules);
        this.splitter = new LongSentenceSplitter(rules);
    }

    public List<Sentence> split(String script) {
        Objects.requireNonNull(script, "script");
        List<Sentence> sentences = new ArrayList<>();
        for (Paragraph paragraph : ParagraphReader.paragraphs(TextNormalizer.normalize(script))) {
            List<String> texts = splitter.split(merger.merge(sentencesOf(paragraph)));
            if (texts.stream().allMatch(text -> Length.of(text).isEmpty())) {
                continue;
            }
            for (int i = 0; i < texts.size(); i++) {
                sentences.add(new Sentence(texts.get(i).trim(), i == texts.size() - 1));
            }
        }
        return List.copyOf(sentences);
    }

    private static List<String> sentencesOf(Paragraph paragraph) {
        List<String> sentences = new ArrayList<>();
        for (String line : paragraph.lines()) {
            sentences.addAll(SentenceBreaker.sentences(line));
        }
        return sentences;
    }
}
