package io.godfs.domain.access;

import io.godfs.domain.file.DfsPath;
import java.util.Objects;
import java.util.Set;

/**
 * Permissions given to a user, a group or everyone under one directory: {@code alice} may write
 * under {@code /data/alice}. A grant covers the directory itself and everything below it, segment
 * by segment ({@code /data/al} does not cover {@code /data/alice}; the seed compared strings, so it
 * did).
 */
public record Grant(Subject subject, DfsPath under, Set<Permission> permissions) {

  public Grant {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(under, "under");
    permissions = Set.copyOf(permissions);
    if (permissions.contains(Permission.NODE)) {
      throw new IllegalArgumentException(
          "grant on " + under + ": permission 'node' belongs to chunkserver identities only");
    }
  }

  /** Whether this grant speaks of {@code user}. */
  public boolean appliesTo(Principal.User user) {
    return subject.matches(user);
  }

  /** Whether {@code path} lies under this grant's directory (or is it). */
  public boolean covers(DfsPath path) {
    return under.contains(path);
  }

  /** Whom a grant is for. */
  public sealed interface Subject {
    boolean matches(Principal.User user);

    /**
     * Parses the seed's principal field: {@code *} (everyone), {@code group:NAME} or a user name.
     */
    static Subject parse(String raw) {
      String s = raw.trim();
      if (s.equals("*")) {
        return new Everyone();
      }
      if (s.startsWith("group:")) {
        return new Group(s.substring("group:".length()));
      }
      return new User(s);
    }
  }

  /** One user, by name. */
  public record User(String name) implements Subject {
    public User {
      Names.check("user", name);
    }

    @Override
    public boolean matches(Principal.User user) {
      return user.name().equals(name);
    }
  }

  /** Every member of a group. */
  public record Group(String name) implements Subject {
    public Group {
      Names.check("group", name);
    }

    @Override
    public boolean matches(Principal.User user) {
      return user.groups().contains(name);
    }
  }

  /** Every authenticated user. */
  public record Everyone() implements Subject {
    @Override
    public boolean matches(Principal.User user) {
      return true;
    }
  }
}
