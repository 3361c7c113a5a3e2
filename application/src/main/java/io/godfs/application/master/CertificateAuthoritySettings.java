package io.godfs.application.master;

import java.time.Duration;
import java.util.Objects;

/**
 * The embedded certificate authority's settings: how long a certificate it signs is valid
 * (short-lived: nodes renew by themselves), the longest a join token may live, and how long the CA
 * itself is valid.
 */
public record CertificateAuthoritySettings(
    Duration certificateLifetime, Duration maxTokenTtl, Duration authorityLifetime) {
  /** A day's certificates, week-long tokens at most, a ten-year CA. */
  public static final CertificateAuthoritySettings DEFAULTS =
      new CertificateAuthoritySettings(
          Duration.ofHours(24), Duration.ofDays(7), Duration.ofDays(3650));

  public CertificateAuthoritySettings {
    Objects.requireNonNull(certificateLifetime, "certificateLifetime");
    Objects.requireNonNull(maxTokenTtl, "maxTokenTtl");
    Objects.requireNonNull(authorityLifetime, "authorityLifetime");
    if (certificateLifetime.compareTo(Duration.ofSeconds(10)) < 0) {
      throw new IllegalArgumentException(
          "certificateLifetime : " + certificateLifetime + " (expected: at least 10s)");
    }
  }

  /** The same with certificates valid for {@code lifetime}. */
  public CertificateAuthoritySettings withCertificateLifetime(Duration lifetime) {
    return new CertificateAuthoritySettings(lifetime, maxTokenTtl, authorityLifetime);
  }
}
