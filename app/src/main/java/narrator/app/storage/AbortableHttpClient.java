package narrator.app.storage;

import java.io.IOException;
import software.amazon.awssdk.http.Abortable;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * The SDK's HTTP client, plus a way for another thread to abort the requests a download makes: the
 * synchronous SDK blocks in {@code getObject} until the response headers arrive and offers no handle
 * to abort that wait. A download opens a {@link Call} on its thread; every request the SDK prepares on
 * that thread (retries included) belongs to it, and aborting the call aborts them, sent or not.
 */
final class AbortableHttpClient implements SdkHttpClient {
    private final SdkHttpClient delegate;
    private final ThreadLocal<Call> calls = new ThreadLocal<>();

    AbortableHttpClient(SdkHttpClient delegate) {
        this.delegate = delegate;
    }

    /** Starts tracking the requests this thread makes until the call is closed. */
    Call open() {
        Call call = new Call();
        calls.set(call);
        return call;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        ExecutableHttpRequest prepared = delegate.prepareRequest(request);
        Call call = calls.get();
        return call == null ? prepared : call.track(prepared);
    }

    @Override
    public String clientName() {
        return delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** The requests of one download. */
    final class Call implements AutoCloseable {
        private ExecutableHttpRequest current;
        private Abortable body;
        private boolean aborted;

        private synchronized ExecutableHttpRequest track(ExecutableHttpRequest request) {
            current = request;
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    if (isAborted()) {
                        throw new IOException("request aborted");
                    }
                    return request.call();
                }

                @Override
                public void abort() {
                    request.abort();
                }
            };
        }

        private synchronized boolean isAborted() {
            return aborted;
        }

        /**
         * The response body being read: aborting the request no longer stops a read of it, so the call
         * aborts the body too (at once when the call was aborted already).
         */
        synchronized void reading(Abortable response) {
            body = response;
            if (aborted) {
                body.abort();
            }
        }

        /** Aborts the request in flight, or the body being read, and fails any later request at once. */
        synchronized void abort() {
            aborted = true;
            if (current != null) {
                current.abort();
            }
            if (body != null) {
                body.abort();
            }
        }

        @Override
        public void close() {
            calls.remove();
        }
    }
}
