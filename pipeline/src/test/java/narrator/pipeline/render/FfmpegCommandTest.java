package narrator.pipeline.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.VideoSize;

class FfmpegCommandTest {
    private static final Path VOICE = Path.of("/w/voice.wav");
    private static final Path OUT = Path.of("/w/out.mp4");
    private static final MediaInfo TEN_SECOND_VIDEO = new MediaInfo(true, true, false, 10, 1920, 1080);
    private static final MediaInfo PICTURE = new MediaInfo(true, false, true, 0, 800, 600);

    private static RenderSpec.Builder spec(double voiceSeconds) {
        return RenderSpec.builder(VOICE, voiceSeconds, OUT).size(new VideoSize(720, 1280));
    }

    private static final List<String> PREFIX = List.of("ffmpeg", "-hide_banner", "-nostdin", "-nostats", "-loglevel",
            "error", "-progress", "pipe:1", "-y");
    private static final List<String> X264 = List.of("-c:v", "libx264", "-preset", "veryfast", "-crf", "23",
            "-pix_fmt", "yuv420p", "-threads", "2", "-x264-params", "rc-lookahead=10");

    private static List<String> concat(List<?>... parts) {
        List<String> all = new java.util.ArrayList<>();
        for (List<?> part : parts) {
            part.forEach(p -> all.add(p.toString()));
        }
        return all;
    }

    /** Segment muxer output, cutting at each segment's end counted from the span's start. */
    private static List<String> segmentMuxer(String ends, String dir) {
        return List.of("-force_key_frames", "expr:" + String.join("+", java.util.Arrays.stream(ends.split(","))
                        .map(e -> "eq(n," + e + ")").toList()), "-forced-idr", "1", "-avoid_negative_ts", "disabled",
                "-f", "segment", "-segment_frames", ends, "-reset_timestamps", "1", "-segment_format", "mp4",
                dir + "/%d.mp4");
    }

    @Test
    void aSpanOfAVideoBaseSeeksASecondEarlyKeepsItsFramesOfTheWholeVideosFpsTimelineAndCutsAFilePerSegment() {
        RenderSpec spec = spec(12.25).base(new BaseMedia(BaseMedia.Kind.VIDEO, Path.of("/w/base.mp4"), TEN_SECOND_VIDEO))
                .subtitles(Path.of("/w/segment-001.ass")).build();
        SegmentSpan span = new SegmentSpan(List.of(new Segment(1, 99, 150, spec.toBuilder().output(Path.of("/w/segment-001.mp4")).build()),
                new Segment(2, 150, 210, spec.toBuilder().output(Path.of("/w/segment-002.mp4")).build()),
                new Segment(3, 210, 240, spec.toBuilder().output(Path.of("/w/segment-003.mp4")).build())),
                Path.of("/w/subs-99-240.ass"));

        assertEquals(concat(PREFIX, List.of("-ss", "2.3", "-f", "concat", "-safe", "0", "-i",
                        "/w/segment-001.mp4.loop.ffconcat", "-filter_complex",
                        "[0:v]setpts=PTS+2.3/TB,fps=30,trim=start_pts=99:end_pts=240,setpts=PTS-STARTPTS,"
                                + "crop=w='min(iw,ih*720/1280)':h='min(ih,iw*1280/720)',scale=720:1280,setsar=1,"
                                + "format=yuv420p,ass=filename=/w/subs-99-240.ass[vout]",
                        "-map", "[vout]", "-frames:v", "141", "-an"), X264,
                        segmentMuxer("51,111,141", "/w/segment-001.mp4.span")),
                FfmpegCommand.segment(span));
        assertEquals(Path.of("/w/segment-001.mp4.span/2.mp4"), FfmpegCommand.spanFile(span, 2));
        // The first segment needs no seek.
        assertFalse(FfmpegCommand.segment(SegmentSpan.of(new Segment(0, 0, 99, spec.toBuilder()
                .output(Path.of("/w/segment-000.mp4")).build()))).contains("-ss"));
    }

    @Test
    void aSpanOfAZoomingImageZoomsAsOverTheWholeVideoFromItsFirstFrame() {
        RenderSpec spec = spec(9.5).base(new BaseMedia(BaseMedia.Kind.IMAGE, Path.of("/w/pic.png"),
                new MediaInfo(true, false, true, 0, 800, 600))).imageZoom(true).output(Path.of("/w/seg.mp4")).build();

        List<String> argv = FfmpegCommand.segment(SegmentSpan.of(new Segment(2, 120, 300, spec)));

        assertEquals(concat(PREFIX, List.of("-framerate", "30", "-i", "/w/pic.png", "-filter_complex",
                        "[0:v]crop=w='min(iw,ih*720/1280)':h='min(ih,iw*1280/720)',scale=720:1280,setsar=1,format=yuv420p,"
                                + "zoompan=z=1+0.08*(on+120)/300:x=(iw-iw/zoom)/2:y=(ih-ih/zoom)/2:d=301:s=720x1280:fps=30[vout]",
                        "-map", "[vout]", "-frames:v", "180", "-an"), X264, segmentMuxer("180", "/w/seg.mp4.span")), argv);
    }

    @Test
    void aPercentInTheSpansDirectoryIsNotReadAsPartOfTheFilePattern() {
        RenderSpec spec = spec(3).output(Path.of("/w/100%/seg.mp4")).build();

        List<String> argv = FfmpegCommand.segment(SegmentSpan.of(new Segment(0, 0, 30, spec)));

        assertEquals("/w/100%%/seg.mp4.span/%d.mp4", argv.get(argv.size() - 1));
    }

    @Test
    void segmentsAreJoinedByStreamCopyOrElseDecodedFittedAndEncodedAgain() {
        assertEquals(concat(PREFIX, List.of("-f", "concat", "-safe", "0", "-i", "/w/list", "-i", "/w/a.m4a", "-map",
                        "0:v:0", "-map", "1:a:0", "-c", "copy", "-movflags", "+faststart", "/w/out.mp4")),
                FfmpegCommand.copyJoin(Path.of("/w/list"), Path.of("/w/a.m4a"), OUT));
        String fit = "scale=720:1280:force_original_aspect_ratio=decrease,pad=720:1280:(ow-iw)/2:(oh-ih)/2:color=black"
                + ",setsar=1,format=yuv420p,fps=30";
        assertEquals(concat(PREFIX, List.of("-i", "/w/s0.mp4", "-i", "/w/s1.mp4", "-i", "/w/a.m4a", "-filter_complex",
                        "[0:v]" + fit + "[v0];[1:v]" + fit + "[v1];[v0][v1]concat=n=2:v=1:a=0[vout]", "-map", "[vout]",
                        "-map", "2:a:0", "-c:a", "copy"), X264, List.of("-movflags", "+faststart", "/w/out.mp4")),
                FfmpegCommand.reencodeJoin(List.of(Path.of("/w/s0.mp4"), Path.of("/w/s1.mp4")), Path.of("/w/a.m4a"),
                        spec(9.5).build()));
    }

    @Test
    void loopAndSegmentListsNameAbsolutePathsQuotedForTheConcatDemuxer() {
        assertEquals("""
                ffconcat version 1.0
                file '/w/it'\\''s.mp4'
                duration 2.2
                file '/w/it'\\''s.mp4'
                duration 2.2
                file '/w/it'\\''s.mp4'
                duration 2.2
                """, FfmpegCommand.loopListText(Path.of("/w/it's.mp4"), 2.2, 3.5));
        assertEquals("ffconcat version 1.0\nfile '/w/a.mp4'\nfile '/w/b.mp4'\n",
                FfmpegCommand.concatListText(List.of(Path.of("/w/a.mp4"), Path.of("/w/b.mp4"))));
    }

    @Test
    void burningCaptionsPadsIntoTheFrameAndKeepsTheVideosOwnAudio() {
        BurnSpec spec = new BurnSpec(Path.of("/w/in put.mov"), BurnSpec.Audio.AAC, Path.of("/w/subs:1.ass"), null,
                new VideoSize(1280, 720), 25, new RenderSpec.Encoding(Encoder.LIBX264, "veryfast", 18, "p4", 18, 2),
                Path.of("/w/captioned.mp4"));

        assertEquals(List.of("ffmpeg", "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error",
                "-progress", "pipe:1", "-y", "-i", "/w/in put.mov",
                "-vf", "fps=25,scale=1280:720:force_original_aspect_ratio=decrease,pad=1280:720:(ow-iw)/2:(oh-ih)/2:"
                        + "color=black,setsar=1,format=yuv420p,ass=filename=/w/subs\\\\:1.ass",
                "-map", "0:v:0", "-map", "0:a:0", "-c:a", "aac", "-b:a", "192k",
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p",
                "-threads", "2", "-x264-params", "rc-lookahead=10",
                "-movflags", "+faststart", "/w/captioned.mp4"), FfmpegCommand.burn(spec));
    }

    @Test
    void aSilentVideoAtItsOwnRateIsBurnedWithoutAudioAndACarriedCodecIsCopied() {
        BurnSpec spec = new BurnSpec(Path.of("/w/in.mp4"), BurnSpec.Audio.NONE, Path.of("/w/subs.ass"), null,
                new VideoSize(320, 240), 0, RenderSpec.Encoding.DEFAULT, Path.of("/w/out.mp4"));

        List<String> argv = FfmpegCommand.burn(spec);

        assertEquals("scale=320:240:force_original_aspect_ratio=decrease,pad=320:240:(ow-iw)/2:(oh-ih)/2:color=black,"
                + "setsar=1,format=yuv420p,ass=filename=/w/subs.ass", argv.get(argv.indexOf("-vf") + 1));
        assertEquals(List.of("-map", "0:v:0", "-an"), argv.subList(argv.indexOf("-map"), argv.indexOf("-map") + 3));
        List<String> copied = FfmpegCommand.burn(new BurnSpec(spec.video(), BurnSpec.Audio.COPY, spec.subtitles(), null,
                spec.size(), 0, spec.encoding(), spec.output()));
        assertEquals(List.of("-map", "0:v:0", "-map", "0:a:0", "-c:a", "copy"),
                copied.subList(copied.indexOf("-map"), copied.indexOf("-map") + 6));
    }

    @Test
    void theSourcesRotationAndAudioCodecAreReadFromFfprobe() {
        SourceStreams phone = SourceStreams.parse("""
                {"streams": [{"codec_name": "h264", "codec_type": "video", "tags": {},
                              "side_data_list": [{"rotation": -90}]},
                             {"codec_name": "aac", "codec_type": "audio"}]}""");
        assertEquals(new SourceStreams(-90, "aac"), phone);
        assertTrue(phone.quarterTurn());
        assertEquals(BurnSpec.Audio.COPY, phone.audio());
        SourceStreams old = SourceStreams.parse("""
                {"streams": [{"codec_type": "audio", "codec_name": "pcm_s16le"},
                             {"codec_type": "video", "codec_name": "h264", "tags": {"rotate": "180"}}]}""");
        assertEquals(new SourceStreams(180, "pcm_s16le"), old);
        assertFalse(old.quarterTurn());
        assertEquals(BurnSpec.Audio.AAC, old.audio());
        assertEquals(BurnSpec.Audio.NONE, SourceStreams.parse("{\"streams\": [{\"codec_type\": \"video\"}]}").audio());
    }

    @Test
    void aBaseLongerThanTheOutputIsReadOnceAndCutAtTheLastFrame() {
        RenderSpec spec = spec(9).base(new BaseMedia(BaseMedia.Kind.VIDEO, Path.of("/w/base.mp4"), TEN_SECOND_VIDEO))
                .build();

        List<String> argv = TrackCommands.picture(spec, OUT);

        assertEquals(List.of("-i", "/w/base.mp4"), FfmpegCommand.baseInput(spec));
        assertFalse(argv.contains("-stream_loop"));
        assertEquals("285", argv.get(argv.indexOf("-frames:v") + 1));
        // Within half a second of the end the base is looped anyway: its video may be shorter than its container.
        assertEquals(List.of("-f", "concat", "-safe", "0", "-i", "/w/out.mp4.loop.ffconcat"),
                FfmpegCommand.baseInput(spec.toBuilder().tailSeconds(0.6).build()));
    }

    @Test
    void anImageIsDecodedOnceAndRepeatedInsideTheGraph() {
        RenderSpec spec = spec(4).base(new BaseMedia(BaseMedia.Kind.IMAGE, Path.of("/w/pic.png"), PICTURE)).build();

        assertEquals(List.of("-framerate", "30", "-i", "/w/pic.png"), FfmpegCommand.baseInput(spec));
        assertEquals("[1:v]crop=w='min(iw,ih*720/1280)':h='min(ih,iw*1280/720)',scale=720:1280,setsar=1,"
                + "format=yuv420p,loop=loop=-1:size=1,fps=30[vout]", FfmpegCommand.videoGraph(spec));
    }

    @Test
    void zoomHoldsTheImageForEveryOutputFrameWhileZooming() {
        RenderSpec spec = spec(4).tailSeconds(1).fit(Fit.PAD).imageZoom(true)
                .base(new BaseMedia(BaseMedia.Kind.IMAGE, Path.of("/w/pic.png"), PICTURE)).build();

        assertEquals("[1:v]scale=720:1280:force_original_aspect_ratio=decrease,pad=720:1280:(ow-iw)/2:(oh-ih)/2:color=black,"
                + "setsar=1,format=yuv420p,zoompan=z=1+0.08*on/150:x=(iw-iw/zoom)/2:y=(ih-ih/zoom)/2:d=151"
                + ":s=720x1280:fps=30[vout]", FfmpegCommand.videoGraph(spec));
    }

    @Test
    void withoutBaseMediaTheBackgroundIsGenerated() {
        RenderSpec spec = spec(4).fps(25).build();

        assertEquals(List.of("-f", "lavfi", "-i", "color=c=0x14181f:s=720x1280:r=25"), FfmpegCommand.baseInput(spec));
        assertEquals("[1:v]format=yuv420p[vout]", FfmpegCommand.videoGraph(spec));
    }

    @Test
    void padFitsTheWholePictureWithBars() {
        RenderSpec spec = spec(4).fit(Fit.PAD)
                .base(new BaseMedia(BaseMedia.Kind.VIDEO, Path.of("/w/base.mp4"), TEN_SECOND_VIDEO)).build();

        assertEquals("[1:v]fps=30,scale=720:1280:force_original_aspect_ratio=decrease,"
                + "pad=720:1280:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1,format=yuv420p[vout]",
                FfmpegCommand.videoGraph(spec));
    }

    @Test
    void voiceOnlyAudioIsPaddedThenGivenItsGainUnderALimiterBelowTheTruePeakTarget() {
        RenderSpec spec = spec(3).leveling(new Leveling.Gain(new Loudness(-16, -1, 7), -2.25)).build();

        // -1 dBTP less the 0.75 dB margin: 10^(-1.75/20)
        assertEquals("[0:a]aresample=48000:ochl=stereo,apad=whole_dur=3.5,"
                        + "volume=-2.25dB,alimiter=limit=0.817523:level=false:latency=1,aformat=sample_rates=48000:channel_layouts=stereo[aout]",
                FfmpegCommand.audioGraph(spec, new FfmpegCommand.AudioInputs(2, java.util.Map.of())));
    }

    @Test
    void loudnormRemainsAsTheFallback() {
        RenderSpec spec = spec(3).loudness(new Loudness(-16, -1, 7)).loudnorm(true).build();

        assertEquals("[0:a]aresample=48000:ochl=stereo,apad=whole_dur=3.5,loudnorm=I=-16:TP=-1:LRA=7,aresample=48000,aformat=sample_rates=48000:channel_layouts=stereo[aout]",
                FfmpegCommand.audioGraph(spec, new FfmpegCommand.AudioInputs(2, java.util.Map.of())));
    }

    @Test
    void musicWithoutDuckingIsMixedStraightAndFadesFitAShortVideo() {
        RenderSpec spec = spec(1.5).music(Path.of("/w/m.mp3")).musicVolume(0.35).ducking(false).build();

        assertEquals("[0:a]aresample=48000:ochl=stereo,apad=whole_dur=2[voice];"
                + "[2:a]aresample=48000:ochl=stereo,volume=0.35,afade=t=in:st=0:d=1,afade=t=out:st=1:d=1[bed];"
                + "[voice][bed]amix=inputs=2:duration=first:normalize=0,"
                + "volume=0dB,alimiter=limit=0.771792:level=false:latency=1,aformat=sample_rates=48000:channel_layouts=stereo[aout]",
                FfmpegCommand.audioGraph(spec, new FfmpegCommand.AudioInputs(2, java.util.Map.of())));
    }

    @Test
    void nvencUsesConstantQualityVbr() {
        RenderSpec spec = spec(3).encoder(Encoder.NVENC).nvenc("p5", 27).build();

        assertEquals(List.of("-c:v", "h264_nvenc", "-preset", "p5", "-rc", "vbr", "-cq", "27", "-b:v", "0",
                "-pix_fmt", "yuv420p"), FfmpegCommand.videoCodec(spec));
        assertEquals(-1, Collections.indexOfSubList(TrackCommands.picture(spec, OUT), List.of("-c:v", "libx264")));
    }

    @Test
    void pathsInTheGraphAreEscapedAndArgvPathsAreNot() {
        Path ass = Path.of("/tmp/it's [a],b;c:d/s.ass");
        RenderSpec spec = spec(3).subtitles(ass).fontsDir(ass.getParent()).build();

        String graph = FfmpegCommand.videoGraph(spec);

        assertEquals("[1:v]format=yuv420p,ass=filename=/tmp/it\\\\\\'s\\\\\\ \\[a\\]\\,b\\;c\\\\:d/s.ass"
                + ":fontsdir=/tmp/it\\\\\\'s\\\\\\ \\[a\\]\\,b\\;c\\\\:d[vout]", graph);
        assertTrue(TrackCommands.picture(RenderSpec.builder(Path.of("/a b/v'.wav"), 3, OUT).build(), Path.of("/o:[1].mp4"))
                .containsAll(List.of("/a b/v'.wav", "/o:[1].mp4")));
    }

    @Test
    void numbersIgnoreTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals("0.5", FfmpegCommand.num(0.5));
            assertEquals("1234567.25", FfmpegCommand.num(1234567.25));
            assertEquals("0.333333", FfmpegCommand.num(1.0 / 3));
            assertEquals("-14", FfmpegCommand.num(-14));
            assertEquals("0", FfmpegCommand.num(-0.0000001));
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void specDefaultsAndValidation() {
        RenderSpec spec = RenderSpec.builder(VOICE, 10, OUT).build();
        assertEquals(10.5, spec.totalSeconds());
        assertEquals(VideoSize.PORTRAIT, spec.picture().size());
        assertEquals(Loudness.STREAMING, spec.audio().leveling().target());
        assertEquals(Encoder.NVENC, spec.withEncoder(Encoder.NVENC).encoding().encoder());
        assertEquals(new Leveling.Measure(Loudness.STREAMING), spec.audio().leveling(), "measured before the render");

        NarratorException e = assertThrows(NarratorException.class,
                () -> RenderSpec.builder(VOICE, 10, OUT).x264("-preset;rm", 23).build());
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
        assertThrows(NarratorException.class, () -> RenderSpec.builder(VOICE, 0, OUT).build());
        assertThrows(NarratorException.class, () -> RenderSpec.builder(VOICE, 1, OUT).x264("veryfast", 52).build());
    }

    @Test
    void aProvidedVoiceIsDecodedToBitExactMonoPcm() {
        assertEquals(List.of("ffmpeg", "-v", "error", "-nostdin", "-y", "-i", "/in/my voice.m4a", "-vn", "-ac", "1",
                "-ar", "22050", "-c:a", "pcm_s16le", "-map_metadata", "-1", "-fflags", "+bitexact", "/w/voice.wav"),
                FfmpegCommand.monoPcmWav(Path.of("/in/my voice.m4a"), 22050, Path.of("/w/voice.wav")));
    }

    @Test
    void generatedAudioComesFromTheExpressionSource() {
        assertEquals(List.of("ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
                "aevalsrc='sin(2*PI*220*t)':s=44100:d=3", "-ac", "2", "/w/bed.wav"),
                FfmpegCommand.generatedAudio("sin(2*PI*220*t)", 3, Path.of("/w/bed.wav")));
    }

    @Test
    void aGeneratedBackgroundMovesWithPeriodsThatDivideItsLengthSoItLoopsWithoutASeam() {
        List<String> argv = FfmpegCommand.generatedBackground(new VideoSize(360, 640), 30, 20, Path.of("/w/bg.mp4"));

        String source = argv.get(argv.indexOf("-i") + 1);
        assertTrue(source.startsWith("color=c=black:s=60x106:r=30:d=20,format=gbrp,geq=r='20+30*(1+sin(PI*(sin(4*X/W+2*PI*T/20)"),
                source);
        assertTrue(source.endsWith(",scale=360:640:flags=bicubic,format=yuv420p"), source);
        assertEquals("/w/bg.mp4", argv.get(argv.size() - 1));
    }
}
