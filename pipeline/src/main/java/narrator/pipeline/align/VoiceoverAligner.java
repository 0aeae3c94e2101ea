package narrator.pipeline.align;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.Narration;
import narrator.pipeline.Sentence;
import narrator.tts.SpeechOptions;
import narrator.tts.espeak.EspeakVoice;

/**
 * Times a script on the caller's own recording: speaks it with espeak-ng in the voice's language,
 * aligns that to the recording, and keeps the alignment when it is trusted. Otherwise, by the
 * fallback setting, the reference timing is stretched evenly over the recording (with a warning) or
 * the job fails with VOICEOVER_MISMATCH.
 */
public final class VoiceoverAligner {
    /** espeak-ng's rate: the recording is converted to it so both tracks share one sample clock. */
    public static final int SAMPLE_RATE = EspeakVoice.SAMPLE_RATE;

    private final ForcedAligner aligner = new ForcedAligner();
    private final AlignmentFallback fallback;

    public VoiceoverAligner(AlignmentFallback fallback) {
        this.fallback = fallback;
    }

    /** The result: the narration on {@code recordingWav} and how it was timed. */
    public record Aligned(Narration narration, AlignmentReport report) {
    }

    /**
     * @param language the espeak-ng language the job's voice speaks ({@code VoiceInfo.language()})
     * @param recordingWav mono 16-bit PCM at {@link #SAMPLE_RATE} as FFmpeg writes it (44-byte header)
     */
    public Aligned align(List<Sentence> sentences, String language, Path recordingWav) {
        Reference reference = new ReferenceSpeaker(EspeakVoice.load(language)).speak(sentences, SpeechOptions.DEFAULT);
        short[] recording = readPcm(recordingWav);
        Alignment alignment = aligner.align(reference, recording);
        double confidence = Math.round(alignment.confidence() * 100) / 100.0;
        if (alignment.trusted()) {
            return new Aligned(new Narration(recordingWav, SAMPLE_RATE, recording.length, alignment.sentences()),
                    new AlignmentReport(AlignmentReport.DTW, confidence, Optional.empty()));
        }
        String doubt = String.format(Locale.ROOT, "The voiceover does not match the script closely enough to align "
                + "captions to it (confidence %.2f, needs %.2f): is it the same text, in the voice's language?",
                confidence, Alignment.TRUSTED);
        if (fallback == AlignmentFallback.FAIL) {
            throw new NarratorException(ErrorCode.VOICEOVER_MISMATCH, doubt);
        }
        Narration stretched = new Narration(recordingWav, SAMPLE_RATE, reference.pcm().length, reference.sentences())
                .retimedTo(recordingWav, recording.length);
        return new Aligned(stretched, new AlignmentReport(AlignmentReport.STRETCH, confidence,
                Optional.of(doubt + " Captions were spread evenly over the recording instead.")));
    }

    private static short[] readPcm(Path wav) {
        try (InputStream in = Files.newInputStream(wav)) {
            long samples = (Files.size(wav) - 44) / 2;
            in.readNBytes(44);
            short[] pcm = new short[(int) samples];
            byte[] chunk = new byte[1 << 16];
            int at = 0;
            while (at < pcm.length) {
                int n = in.readNBytes(chunk, 0, (int) Math.min(chunk.length, 2L * (pcm.length - at)));
                if (n < 2) {
                    break;
                }
                for (int i = 0; i + 1 < n; i += 2) {
                    pcm[at++] = (short) ((chunk[i] & 0xff) | (chunk[i + 1] << 8));
                }
            }
            return pcm;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + wav.getFileName(), e);
        }
    }
}
