package narrator.pipeline.render;

/**
 * The slow Ken Burns move over a still image: a view {@value #ZOOM}x into the picture at one end of the
 * scene, the whole picture (zooms) or the view's other side (pans) at the other. Clips never move.
 */
public enum Motion {
    NONE(0, 0, 1, 0, 0, 1),
    ZOOM_IN(0, 0, 1, Motion.EDGE / 2, Motion.EDGE / 2, Motion.VIEW),
    ZOOM_OUT(Motion.EDGE / 2, Motion.EDGE / 2, Motion.VIEW, 0, 0, 1),
    PAN_LEFT(Motion.EDGE, Motion.EDGE / 2, Motion.VIEW, 0, Motion.EDGE / 2, Motion.VIEW),
    PAN_RIGHT(0, Motion.EDGE / 2, Motion.VIEW, Motion.EDGE, Motion.EDGE / 2, Motion.VIEW),
    PAN_UP(Motion.EDGE / 2, Motion.EDGE, Motion.VIEW, Motion.EDGE / 2, 0, Motion.VIEW),
    PAN_DOWN(Motion.EDGE / 2, 0, Motion.VIEW, Motion.EDGE / 2, Motion.EDGE, Motion.VIEW);

    /** How far the view reaches into the picture: calm over a few seconds, still visible over thirty. */
    public static final double ZOOM = 1.1;
    private static final double VIEW = 1 / ZOOM;
    private static final double EDGE = 1 - VIEW;
    /** The order "auto" walks through, so neighbouring scenes move differently. */
    private static final Motion[] VARIED = {ZOOM_IN, PAN_RIGHT, ZOOM_OUT, PAN_LEFT, PAN_DOWN, PAN_UP};

    /** The view at the scene's first and last frame: its left and top edges and its size, as fractions of the picture. */
    private final double fromX;
    private final double fromY;
    private final double fromSize;
    private final double toX;
    private final double toY;
    private final double toSize;

    Motion(double fromX, double fromY, double fromSize, double toX, double toY, double toSize) {
        this.fromX = fromX;
        this.fromY = fromY;
        this.fromSize = fromSize;
        this.toX = toX;
        this.toY = toY;
        this.toSize = toSize;
    }

    /** Where the view is, as fractions of the picture: its left and top edges and its size. */
    public record View(double left, double top, double size) {
    }

    /** The view at {@code progress} (0 = the scene's first frame, 1 = its last). */
    public View view(double progress) {
        return new View(fromX + (toX - fromX) * progress, fromY + (toY - fromY) * progress,
                fromSize + (toSize - fromSize) * progress);
    }

    /** What "auto" gives the scene at {@code index} (0-based). */
    public static Motion varied(int index) {
        return VARIED[index % VARIED.length];
    }
}
