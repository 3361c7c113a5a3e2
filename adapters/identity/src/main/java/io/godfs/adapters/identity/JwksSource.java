package io.godfs.adapters.identity;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;

/**
 * The public keys of a JWK set, from a file or an identity provider's URL. They are read again when
 * older than the refresh interval and when a token names a key id they lack (the provider may have
 * rotated its keys), but never twice within {@link #MIN_FETCH_INTERVAL}, so a flood of tokens with
 * made-up key ids cannot hammer the provider. A read that fails keeps the keys read before.
 */
final class JwksSource {
  /** The least time between two reads, whatever asks for them. */
  static final Duration MIN_FETCH_INTERVAL = Duration.ofSeconds(30);

  private static final System.Logger LOG = System.getLogger(JwksSource.class.getName());
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final int MAX_BYTES = 1 << 20;

  private final Location location;
  private final Duration refresh;
  private final Duration minInterval;
  private final InstantSource clock;
  private volatile JWKSet keys = new JWKSet();
  private volatile Instant fetchedAt; // the last read that worked; null before
  private Instant triedAt; // the last read, worked or not; guarded by this

  private JwksSource(Location location, Duration refresh, InstantSource clock) {
    this.location = location;
    this.refresh = refresh;
    this.minInterval = refresh.compareTo(MIN_FETCH_INTERVAL) < 0 ? refresh : MIN_FETCH_INTERVAL;
    this.clock = clock;
  }

  /**
   * The keys at {@code location}, read now. A file that cannot be read or parsed stops the start
   * (an IllegalArgumentException); a URL that does not answer is tried again later, since the
   * provider may be starting too.
   */
  static JwksSource open(String location, Duration refresh, InstantSource clock) {
    Location where = Location.parse(location);
    JwksSource source = new JwksSource(where, refresh, clock);
    synchronized (source) {
      source.triedAt = clock.instant();
      try {
        source.keys = where.read();
        source.fetchedAt = source.triedAt;
      } catch (IOException | ParseException e) {
        if (where.file() != null) {
          throw new IllegalArgumentException(
              "cannot read the JWK set " + where.display() + ": " + e.getMessage(), e);
        }
        LOG.log(Level.WARNING, "no JWK set yet, will try again: " + problem(where, e));
      }
    }
    return source;
  }

  /** The keys, read again first when older than the refresh interval. */
  JWKSet current() {
    Instant now = clock.instant();
    Instant fetched = fetchedAt;
    if (fetched == null || !now.isBefore(fetched.plus(refresh))) {
      fetchIfAllowed(now);
    }
    return keys;
  }

  /** The keys after a token named a key id they lack: read again unless read very recently. */
  JWKSet afterUnknownKeyId() {
    fetchIfAllowed(clock.instant());
    return keys;
  }

  /** Where the keys come from, for refusals and logs (never a URL's query or user info). */
  String display() {
    return location.display();
  }

  private synchronized void fetchIfAllowed(Instant now) {
    if (triedAt != null && now.isBefore(triedAt.plus(minInterval))) {
      return;
    }
    triedAt = now;
    try {
      JWKSet read = location.read();
      if (!read.toJSONObject().equals(keys.toJSONObject())) {
        LOG.log(Level.INFO, "read " + read.size() + " keys from the JWK set " + display());
      }
      keys = read;
      fetchedAt = now;
    } catch (IOException | ParseException e) {
      LOG.log(
          Level.WARNING, "kept the " + keys.size() + " keys read before: " + problem(location, e));
    }
  }

  private static String problem(Location where, Exception e) {
    return "cannot read the JWK set " + where.display() + ": " + e.getMessage();
  }

  /** A file, or an http(s) URL. */
  record Location(Path file, URI url) {
    static Location parse(String raw) {
      String text = raw.strip();
      String lower = text.toLowerCase(Locale.ROOT);
      try {
        if (lower.startsWith("https://") || lower.startsWith("http://")) {
          URI uri = new URI(text);
          if (uri.getHost() == null) {
            throw new IllegalArgumentException("the JWKS URL " + text + " names no host");
          }
          return new Location(null, uri);
        }
        if (lower.startsWith("file:")) {
          return new Location(Path.of(new URI(text)), null);
        }
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("the JWKS location is not a URL: " + e.getMessage(), e);
      }
      if (text.isEmpty() || text.contains("://")) {
        throw new IllegalArgumentException(
            "the JWKS location '"
                + text
                + "' is neither an https:// or http:// URL nor a file path");
      }
      return new Location(Path.of(text), null);
    }

    String display() {
      if (file != null) {
        return file.toString();
      }
      return url.getScheme()
          + "://"
          + url.getHost()
          + (url.getPort() == -1 ? "" : ":" + url.getPort())
          + url.getRawPath();
    }

    JWKSet read() throws IOException, ParseException {
      return JWKSet.parse(file != null ? readFile() : fetch());
    }

    private String readFile() throws IOException {
      if (Files.size(file) > MAX_BYTES) {
        throw new IOException("larger than " + MAX_BYTES + " bytes");
      }
      return Files.readString(file);
    }

    private String fetch() throws IOException {
      HttpRequest request =
          HttpRequest.newBuilder(url)
              .timeout(TIMEOUT)
              .header("Accept", "application/json, application/jwk-set+json")
              .GET()
              .build();
      try (HttpClient http =
          HttpClient.newBuilder()
              .connectTimeout(TIMEOUT)
              .followRedirects(HttpClient.Redirect.NORMAL)
              .build()) {
        HttpResponse<InputStream> response =
            http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
          if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
          }
          byte[] bytes = body.readNBytes(MAX_BYTES + 1);
          if (bytes.length > MAX_BYTES) {
            throw new IOException("larger than " + MAX_BYTES + " bytes");
          }
          return new String(bytes, StandardCharsets.UTF_8);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
  }
}
