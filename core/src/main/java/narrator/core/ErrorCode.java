package narrator.core;

/**
 * Stable, documented error codes. Every failure a user can cause or see carries one of these; the
 * HTTP edge maps them to a status, the command line prints them. Never rename a code: callers match on
 * the string.
 *
 * <p>Lives in the bottom module (tts) so that every stage above it reports failures the same way.
 */
public enum ErrorCode {
    /** The request or its parameters are malformed. */
    INVALID_REQUEST,
    /** The script is longer than the configured limit. */
    SCRIPT_TOO_LONG,
    /** The text has nothing a voice can speak (empty, punctuation only, emoji only). */
    INVALID_TEXT,
    /** No voice with that id is installed or known. */
    UNKNOWN_VOICE,
    /** The voice's model files are missing, truncated, malformed or do not fit the engine. */
    VOICE_UNAVAILABLE,
    /** Speech synthesis failed for a reason that is not the caller's input. */
    TTS_FAILED,
    /** An input could not be downloaded (network error, HTTP error status, refused address). */
    DOWNLOAD_FAILED,
    /** An input exceeded its size limit. */
    INPUT_TOO_LARGE,
    /** An input is not usable media (corrupt, wrong kind, no usable stream). */
    INVALID_MEDIA,
    /**
     * A provided voiceover does not match its script closely enough to align captions to it (another
     * text or language, music or silence), and ALIGNMENT_FALLBACK=fail asked for no stretched captions.
     */
    VOICEOVER_MISMATCH,
    /** FFmpeg failed to render. */
    RENDER_FAILED,
    /** Reading from or writing to the object store failed. */
    STORAGE_ERROR,
    /** The job, or one step of it, ran past its time limit. */
    TIMEOUT,
    /** The job was cancelled. */
    CANCELLED,
    /** Missing or wrong API key. */
    UNAUTHORIZED,
    /** No such job or resource. */
    NOT_FOUND,
    /** The request conflicts with the resource's state (e.g. cancelling a finished job). */
    CONFLICT,
    /** An idempotency key was repeated with a different request than the one it was first used for. */
    IDEMPOTENCY_MISMATCH,
    /** The queue holds {@code MAX_QUEUED_JOBS} waiting jobs already; retry after the Retry-After header's seconds. */
    QUEUE_FULL,
    /**
     * Free disk space on the server is under {@code MIN_FREE_DISK_MB}, so no new job is taken until an
     * operator frees space or retention removes old files.
     */
    INSUFFICIENT_STORAGE,
    /**
     * Every work slot ({@code MAX_CONCURRENT_JOBS}) stayed taken for the short wait a synchronous speech request
     * gets; retry after the Retry-After header's seconds.
     */
    BUSY,
    /** The path exists but does not answer this HTTP method (the Allow header lists those it does). */
    METHOD_NOT_ALLOWED,
    /** A bug or an unexpected environment failure. */
    INTERNAL
}
