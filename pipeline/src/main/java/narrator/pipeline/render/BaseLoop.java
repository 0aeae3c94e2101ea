package narrator.pipeline.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import narrator.pipeline.CancelSignal;

/** Writes the loop list a looping base video is read through ({@link FfmpegCommand#loopList}), and removes it. */
public final class BaseLoop implements AutoCloseable {
    private final Path list;

    private BaseLoop(Path list) {
        this.list = list;
    }

    /** The list for {@code spec} written beside its output when its base loops; nothing otherwise. */
    public static BaseLoop write(MediaProbe probe, RenderSpec spec, CancelSignal cancel) {
        if (!FfmpegCommand.loops(spec)) {
            return new BaseLoop(null);
        }
        Path base = spec.picture().base().path();
        Path list = FfmpegCommand.loopList(spec);
        try {
            Files.writeString(list, FfmpegCommand.loopListText(base, probe.videoStreamSeconds(base, cancel),
                    spec.totalSeconds()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + list, e);
        }
        return new BaseLoop(list);
    }

    @Override
    public void close() {
        if (list != null) {
            try {
                Files.deleteIfExists(list);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
