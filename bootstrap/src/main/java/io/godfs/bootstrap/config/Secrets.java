package io.godfs.bootstrap.config;

import io.godfs.adapters.rest.GatewaySettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway's credentials as written in a setting: {@code name:secret} pairs, or {@code @file}
 * holding them. A problem is reported naming whose secret, never the secret itself.
 */
final class Secrets {
  static final int MIN_LENGTH = GatewaySettings.MIN_SECRET_LENGTH;

  private Secrets() {}

  /** The value, or the contents of the file {@code @file} names (the seed's form). */
  static String fileOrValue(String raw) {
    String text = raw.strip();
    if (!text.startsWith("@")) {
      return text;
    }
    try {
      return Files.readString(Path.of(text.substring(1))).strip();
    } catch (IOException e) {
      throw new Problem("cannot read " + text.substring(1) + ": " + e.getMessage());
    }
  }

  /**
   * {@code a:x,b:y} (or {@code @file} holding that, commas or new lines) into an ordered map a->x.
   */
  static Map<String, String> pairs(String raw) {
    String text = raw.strip();
    if (text.startsWith("@")) {
      try {
        text = Files.readString(Path.of(text.substring(1)));
      } catch (IOException e) {
        throw new Problem("cannot read " + text.substring(1) + ": " + e.getMessage());
      }
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String item : text.split("[,\\n]")) {
      String p = item.strip();
      if (p.isEmpty() || p.startsWith("#")) {
        continue;
      }
      int colon = p.indexOf(':');
      if (colon <= 0 || colon == p.length() - 1) {
        throw new Problem("an entry is not name:secret");
      }
      if (out.put(p.substring(0, colon).strip(), p.substring(colon + 1).strip()) != null) {
        throw new Problem("a name appears twice");
      }
    }
    return out;
  }

  /** {@code principal:key} pairs into key to principal, refusing short and shared keys. */
  static Map<String, String> apiKeys(String raw) {
    Map<String, String> principalToKey = pairs(raw);
    Map<String, String> keyToPrincipal = new LinkedHashMap<>();
    principalToKey.forEach(
        (principal, key) -> {
          if (keyToPrincipal.put(key, principal) != null) {
            throw new Problem("two principals share a key");
          }
        });
    List<String> weak = tooShort(principalToKey);
    if (!weak.isEmpty()) {
      throw new Problem(
          "the key of "
              + String.join(", ", weak)
              + " is shorter than "
              + MIN_LENGTH
              + " characters");
    }
    return keyToPrincipal;
  }

  /** {@code keyid:secret} pairs, in order (the first signs), refusing short secrets. */
  static Map<String, String> presignKeys(String raw) {
    Map<String, String> keys = pairs(raw);
    List<String> weak = tooShort(keys);
    if (!weak.isEmpty()) {
      throw new Problem(
          "the secret of "
              + String.join(", ", weak)
              + " is shorter than "
              + MIN_LENGTH
              + " characters");
    }
    return keys;
  }

  private static List<String> tooShort(Map<String, String> nameToSecret) {
    return nameToSecret.entrySet().stream()
        .filter(e -> e.getValue().length() < MIN_LENGTH)
        .map(Map.Entry::getKey)
        .toList();
  }

  /** A bad value whose message is safe to show: it names no secret. */
  static final class Problem extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    Problem(String message) {
      super(message);
    }
  }
}
