package io.godfs.application.port.out;

/**
 * Counts and times the HTTP requests a gateway serves (ADR 0023): the {@code godfs_rest_http_*}
 * families. The HTTP adapter measures and names the route by its pattern ({@code /v1/fs/content},
 * {@code unmatched} when no route took the request), never by the raw path: a path is user data,
 * and one label value per file would grow without bound.
 */
public interface HttpMeter {
  /** Records nothing: a gateway that keeps no metrics (tests, an embedded gateway). */
  HttpMeter NONE =
      new HttpMeter() {
        @Override
        public void started() {
          // Nothing is kept.
        }

        @Override
        public void ended(String method, String route, int status, long nanos, long bytesSent) {
          // Nothing is kept.
        }
      };

  /** A request arrived: it is in flight until {@link #ended}. */
  void started();

  /**
   * A request was answered with {@code status} after {@code nanos}, its body {@code bytesSent} long
   * (0 when unknown or empty). {@code method} is the HTTP method, {@code route} the matched
   * pattern.
   */
  void ended(String method, String route, int status, long nanos, long bytesSent);
}
