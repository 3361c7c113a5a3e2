package io.godfs.domain.authority;

import java.util.Locale;

/**
 * What a joining party becomes: the role a join token admits and the certificate subject it gets.
 */
public enum NodeRole {
  CHUNKSERVER,
  MASTER,
  CLIENT;

  /** The role's name as typed and printed ({@code chunkserver}, {@code master}, {@code client}). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException naming the accepted roles
   */
  public static NodeRole parse(String text) {
    for (NodeRole role : values()) {
      if (role.label().equals(text.strip().toLowerCase(Locale.ROOT))) {
        return role;
      }
    }
    throw new IllegalArgumentException(
        "unknown role '" + text + "' (expected: chunkserver, master or client)");
  }
}
