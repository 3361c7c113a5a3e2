package io.godfs.bootstrap.config;

import io.godfs.bootstrap.config.ConfigLoader.Raw;
import java.util.Map;
import java.util.Optional;

/**
 * Where a master holding the embedded CA gets its first certificate before its Raft starts, part of
 * {@link ConfigLoader#masterSecurity}: the files of a CA made for a new group ({@code
 * GODFS_CA_KEY_FILE}, {@code GODFS_CA_CERT_FILE}), or a join token of the master role ({@code
 * GODFS_JOIN_TOKEN}); ADR 0022.
 */
final class CertificateSourceReader {
  private final ConfigLoader loader;
  private final Map<Setting, String> flags;

  CertificateSourceReader(ConfigLoader loader, Map<Setting, String> flags) {
    this.loader = loader;
    this.flags = flags;
  }

  MasterCertificateSource read(boolean authorityOn) {
    Raw key = loader.raw(Role.MASTER, flags, Setting.CA_KEY_FILE, null);
    Raw certificate = loader.raw(Role.MASTER, flags, Setting.CA_CERT_FILE, null);
    String both = Setting.CA_KEY_FILE.label(null) + " and " + Setting.CA_CERT_FILE.label(null);
    if (!authorityOn) {
      if (key.value() != null || certificate.value() != null) {
        throw new ConfigException(
            both
                + " give the masters' embedded CA: set "
                + Setting.CA_ENABLED.label(null)
                + "=1 too, or unset them");
      }
      return MasterCertificateSource.NONE;
    }
    if ((key.value() == null) != (certificate.value() == null)) {
      throw new ConfigException(
          both
              + " go together: set both (godfs admin certs create makes ca/ca.key and ca/ca.crt)"
              + " or neither");
    }
    return new MasterCertificateSource(
        key.value() == null ? Optional.empty() : Optional.of(key.parse(SettingParsers::path)),
        certificate.value() == null
            ? Optional.empty()
            : Optional.of(certificate.parse(SettingParsers::path)),
        loader.joinToken(Role.MASTER, flags));
  }
}
