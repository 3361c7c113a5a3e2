package io.godfs.bootstrap.config;

import io.godfs.adapters.identity.JwtSettings;
import io.godfs.bootstrap.config.ConfigLoader.Raw;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The master's JSON Web Token settings, part of {@link ConfigLoader#masterSecurity}: none unless
 * the seed's {@code GODFS_JWT_HMAC_SECRET} or {@code GODFS_JWT_JWKS_URL} is set; the other {@code
 * GODFS_JWT_*} settings only refine those two.
 */
final class JwtSettingsReader {
  private static final Duration MIN_REFRESH = Duration.ofSeconds(30);
  private static final Duration MAX_REFRESH = Duration.ofHours(24);

  private static final List<Setting> REFINEMENTS =
      List.of(
          Setting.JWT_ISSUER,
          Setting.JWT_AUDIENCE,
          Setting.JWT_USER_CLAIM,
          Setting.JWT_GROUPS_CLAIM,
          Setting.JWT_ROLES_CLAIM,
          Setting.JWT_JWKS_REFRESH);

  private final ConfigLoader loader;
  private final Map<Setting, String> flags;

  JwtSettingsReader(ConfigLoader loader, Map<Setting, String> flags) {
    this.loader = loader;
    this.flags = flags;
  }

  Optional<JwtSettings> read() {
    Optional<String> secret = secret();
    Raw jwksRaw = value(Setting.JWT_JWKS_URL, null);
    Optional<String> jwks =
        jwksRaw.value() == null
            ? Optional.empty()
            : Optional.of(jwksRaw.parse(JwtSettings::jwksLocation));
    Optional<String> issuer = optional(Setting.JWT_ISSUER);
    Optional<String> audience = optional(Setting.JWT_AUDIENCE);
    String user = claim(Setting.JWT_USER_CLAIM, JwtSettings.DEFAULT_USER_CLAIM);
    String groups = claim(Setting.JWT_GROUPS_CLAIM, JwtSettings.DEFAULT_GROUPS_CLAIM);
    String roles = claim(Setting.JWT_ROLES_CLAIM, JwtSettings.DEFAULT_ROLES_CLAIM);
    Duration refresh =
        value(Setting.JWT_JWKS_REFRESH, Durations.format(JwtSettings.DEFAULT_JWKS_REFRESH))
            .parse(JwtSettingsReader::refresh);
    if (secret.isEmpty() && jwks.isEmpty()) {
      refuseRefinementsWithoutAKey();
      return Optional.empty();
    }
    return Optional.of(
        new JwtSettings(secret, jwks, issuer, audience, user, groups, roles, refresh));
  }

  /** An issuer or claim set alone would look like tokens are checked; none would be accepted. */
  private void refuseRefinementsWithoutAKey() {
    for (Setting refinement : REFINEMENTS) {
      SettingValue given = loader.peek(Role.MASTER, flags, refinement);
      if (given.source() != SettingValue.Source.DEFAULT) {
        throw new ConfigException(
            given.label()
                + " is set but no token key is: set GODFS_JWT_HMAC_SECRET or GODFS_JWT_JWKS_URL"
                + " too, or unset it");
      }
    }
  }

  private Optional<String> secret() {
    Raw raw = value(Setting.JWT_HMAC_SECRET, null);
    if (raw.value() == null) {
      return Optional.empty();
    }
    String secret = raw.parse(Secrets::fileOrValue);
    if (secret.getBytes(StandardCharsets.UTF_8).length < JwtSettings.MIN_SECRET_BYTES) {
      throw raw.invalid(Setting.JWT_HMAC_SECRET.expected());
    }
    return Optional.of(secret);
  }

  private Optional<String> optional(Setting setting) {
    Raw raw = value(setting, null);
    return raw.value() == null ? Optional.empty() : Optional.of(raw.value().strip());
  }

  private String claim(Setting setting, String defaultName) {
    return value(setting, defaultName)
        .parse(
            s -> {
              if (s.isBlank() || s.strip().chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("not a claim name: " + s);
              }
              return s.strip();
            });
  }

  private static Duration refresh(String raw) {
    Duration d = Durations.parse(raw);
    if (d.compareTo(MIN_REFRESH) < 0 || d.compareTo(MAX_REFRESH) > 0) {
      throw new IllegalArgumentException("out of range: " + raw);
    }
    return d;
  }

  private Raw value(Setting setting, String defaultValue) {
    return loader.raw(Role.MASTER, flags, setting, defaultValue);
  }
}
