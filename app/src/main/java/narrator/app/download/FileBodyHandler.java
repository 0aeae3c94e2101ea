package narrator.app.download;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.DoubleConsumer;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;

/**
 * Streams a 2xx body into {@code out}, counting bytes so an oversized body is cut off as soon as it
 * passes the limit. Other statuses (redirects, errors) are not read at all: their body is cancelled
 * and the caller looks only at the status and headers.
 */
final class FileBodyHandler implements HttpResponse.BodyHandler<Void> {
    private final FileChannel out;
    private final long maxBytes;
    private final String what;
    private final DoubleConsumer onProgress;

    /** {@code onProgress} hears the share written (0 to 1) when the response says its length. */
    FileBodyHandler(FileChannel out, long maxBytes, String what, DoubleConsumer onProgress) {
        this.out = out;
        this.maxBytes = maxBytes;
        this.what = what;
        this.onProgress = onProgress;
    }

    @Override
    public HttpResponse.BodySubscriber<Void> apply(HttpResponse.ResponseInfo info) {
        if (info.statusCode() / 100 != 2) {
            return new Refusing(null);
        }
        OptionalLong length = info.headers().firstValueAsLong("Content-Length");
        if (length.isPresent() && length.getAsLong() > maxBytes) {
            return new Refusing(tooLarge(what, maxBytes));
        }
        return new Writing(length.orElse(-1));
    }

    static NarratorException tooLarge(String what, long maxBytes) {
        return new NarratorException(ErrorCode.INPUT_TOO_LARGE,
                what + " is larger than the limit of " + maxBytes + " bytes",
                Map.of("limit_bytes", maxBytes), null);
    }

    /** Cancels the body unread; completes with {@code failure} when there is one. */
    private static final class Refusing implements HttpResponse.BodySubscriber<Void> {
        private final CompletableFuture<Void> result = new CompletableFuture<>();
        private final NarratorException failure;

        Refusing(NarratorException failure) {
            this.failure = failure;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.cancel();
            if (failure == null) {
                result.complete(null);
            } else {
                result.completeExceptionally(failure);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            // cancelled: nothing is read
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(null);
        }

        @Override
        public CompletionStage<Void> getBody() {
            return result;
        }
    }

    /** The client calls these one at a time, so {@code written} needs no locking. */
    private final class Writing implements HttpResponse.BodySubscriber<Void> {
        private final CompletableFuture<Void> result = new CompletableFuture<>();
        private final long length;
        private Flow.Subscription subscription;
        private long written;

        Writing(long length) {
            this.length = length;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            try {
                for (ByteBuffer buffer : buffers) {
                    written += buffer.remaining();
                    if (written > maxBytes) {
                        fail(tooLarge(what, maxBytes));
                        return;
                    }
                    while (buffer.hasRemaining()) {
                        out.write(buffer);
                    }
                }
                if (length > 0) {
                    onProgress.accept(Math.min(1.0, written / (double) length));
                }
                subscription.request(1);
            } catch (IOException e) {
                fail(e);
            }
        }

        private void fail(Throwable failure) {
            subscription.cancel();
            result.completeExceptionally(failure);
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(null);
        }

        @Override
        public CompletionStage<Void> getBody() {
            return result;
        }
    }
}
