package io.godfs.domain.file;

import java.util.Objects;

/**
 * Who a write-side call acts for: a client that holds (or asks for) a file's write lease, or {@link
 * #NONE}, a call made without one (a file created closed, a truncate by a client that never opened
 * the file). Replaces the nullable writer name the ports used to pass (issue 21).
 */
public sealed interface LeaseHolder permits LeaseHolder.Client, LeaseHolder.Nobody {
  /** No lease: the call acts on a file that no client may be writing. */
  LeaseHolder NONE = new Nobody();

  /** The client named {@code name}, as the SDK names itself when it opens files. */
  static Client client(String name) {
    return new Client(name);
  }

  /** For wire and image formats that write "no holder" as an absent or empty name. */
  static LeaseHolder ofNullable(String name) {
    return name == null || name.isEmpty() ? NONE : new Client(name);
  }

  /** The client's name, or null for {@link #NONE}: only for wire and image formats. */
  String nameOrNull();

  default boolean isClient() {
    return this instanceof Client;
  }

  /** A client that holds or asks for a lease. */
  record Client(String name) implements LeaseHolder {
    public Client {
      // Not bounded here: a Raft log written before the gRPC API bounded names must still replay.
      Objects.requireNonNull(name, "lease holder");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("writer : '' (expected: a client name)");
      }
    }

    @Override
    public String nameOrNull() {
      return name;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** No client: see {@link #NONE}. */
  record Nobody() implements LeaseHolder {
    @Override
    public String nameOrNull() {
      return null;
    }

    @Override
    public String toString() {
      return "no lease holder";
    }
  }
}
