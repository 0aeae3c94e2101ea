package narrator.pipeline.subtitles;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import narrator.pipeline.Narration;
import narrator.pipeline.SpokenSentence;

/**
 * {@code timings.json}: every sentence and word of a narration with its written text, its speaker's name
 * (null outside a dialogue) and where it is heard, in seconds rounded to the millisecond, so a caller
 * can build captions of its own. A pure function of the narration's sentence and word timings, whichever
 * way they were made (synthesized, or aligned to a recording). Words are timed as the captions time them.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Timings(
        @JsonProperty("word_timing") String wordTiming,
        @JsonProperty("duration_seconds") double durationSeconds,
        @JsonProperty("sentences") List<Sentence> sentences) {

    /** One sentence; {@code words} tile its span. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Sentence(@JsonProperty("text") String text, @JsonProperty("speaker") String speaker,
                           @JsonProperty("start") double start, @JsonProperty("end") double end,
                           @JsonProperty("words") List<Word> words) {
    }

    /** One word (or one CJK character), as written, with punctuation attached as the captions show it. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Word(@JsonProperty("text") String text, @JsonProperty("speaker") String speaker,
                       @JsonProperty("start") double start, @JsonProperty("end") double end) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A synthesized narration's timings. */
    public static Timings of(Narration narration) {
        return of(narration, WordTimingSource.of(narration));
    }

    /** {@code source} says how the narration's words were timed. */
    public static Timings of(Narration narration, WordTimingSource source) {
        int rate = narration.sampleRate();
        List<Sentence> sentences = narration.sentences().stream()
                .filter(s -> s.endSample() > s.startSample() && !Units.of(s.text(), Integer.MAX_VALUE).isEmpty())
                .map(s -> sentence(s, rate)).toList();
        return new Timings(source.apiName(), seconds(narration.totalSamples(), rate), sentences);
    }

    private static Sentence sentence(SpokenSentence s, int rate) {
        List<Unit> units = Units.of(s.text(), Integer.MAX_VALUE);
        String speaker = s.speaker() == null ? null : s.speaker().name();
        List<Word> words = WordTimer.time(units, s.startSample(), s.endSample(), s.phonemes(), s.wordStarts())
                .stream().map(w -> new Word(w.text(), speaker, seconds(w.startSample(), rate), seconds(w.endSample(), rate)))
                .toList();
        return new Sentence(Units.normalize(s.text()), speaker, seconds(s.startSample(), rate),
                seconds(s.endSample(), rate), words);
    }

    private static double seconds(long sample, int rate) {
        return Timecode.milliseconds(sample, rate) / 1000.0;
    }

    public String json() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode timings", e);
        }
    }

    /** Writes {@link #json()} to {@code file}; returns the file. */
    public Path writeTo(Path file) {
        try {
            Files.writeString(file, json(), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
