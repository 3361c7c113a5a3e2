package io.godfs.domain.access;

import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.DfsPath;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may do what where. A user holds its roles' permissions everywhere, plus those of the grants
 * that name it (directly, by group or as everyone) on the deepest directory above the path that has
 * any such grant: a deeper grant replaces a shallower one, as in the seed's RBAC, so {@code
 * /shared} can be readable while {@code /shared/drafts} is not. {@code admin} implies every user
 * permission. Every user may also read, write and delete in its own upload areas ({@link
 * UploadAreas}), where front ends stage its uploads. Chunkservers and holders of the cluster key
 * hold {@code node} only; masters hold everything. A user acting through a delegation token holds
 * what its issuer holds, and only where and as the token allows ({@link Delegation}).
 *
 * <p>With security switched off ({@link #off()}) every caller may do anything; with it on,
 * anonymous may do nothing.
 */
public final class AccessRules {
  private static final Set<Permission> USER_PERMISSIONS =
      EnumSet.of(Permission.READ, Permission.WRITE, Permission.DELETE, Permission.ADMIN);

  /** What a user holds in its own upload areas ({@link UploadAreas}). */
  private static final Set<Permission> OWN_AREA_PERMISSIONS =
      EnumSet.of(Permission.READ, Permission.WRITE, Permission.DELETE);

  private final boolean enforced;
  private final List<Grant> grants;

  private AccessRules(boolean enforced, List<Grant> grants) {
    this.enforced = enforced;
    this.grants = List.copyOf(grants);
  }

  /** Security off: nothing is checked. */
  public static AccessRules off() {
    return new AccessRules(false, List.of());
  }

  /** Security on, with these path grants beside each user's roles. */
  public static AccessRules of(List<Grant> grants) {
    return new AccessRules(true, grants);
  }

  public boolean enforced() {
    return enforced;
  }

  public List<Grant> grants() {
    return grants;
  }

  /** Everything {@code principal} may do at {@code path}. */
  public Set<Permission> permissionsAt(Principal principal, DfsPath path) {
    if (!enforced) {
      return EnumSet.allOf(Permission.class);
    }
    return switch (principal) {
      case Principal.Anonymous a -> Set.of();
      case Principal.Master m -> EnumSet.allOf(Permission.class);
      case Principal.Chunkserver c -> EnumSet.of(Permission.NODE);
      case Principal.Cluster c -> EnumSet.of(Permission.NODE);
      case Principal.User user -> userPermissionsAt(user, path);
      case Principal.Delegated d -> {
        Set<Permission> held = userPermissionsAt(d.issuer(), path);
        held.retainAll(d.delegation().permitsAt(d.issuer().name(), path));
        yield held;
      }
    };
  }

  private Set<Permission> userPermissionsAt(Principal.User user, DfsPath path) {
    Set<Permission> held = EnumSet.noneOf(Permission.class);
    user.roles().forEach(role -> held.addAll(role.permissions()));
    int deepest = -1;
    for (Grant g : grants) {
      if (g.appliesTo(user) && g.covers(path)) {
        deepest = Math.max(deepest, g.under().segments().size());
      }
    }
    for (Grant g : grants) {
      if (g.appliesTo(user) && g.covers(path) && g.under().segments().size() == deepest) {
        held.addAll(g.permissions());
      }
    }
    if (held.contains(Permission.ADMIN)) {
      held.addAll(USER_PERMISSIONS);
    }
    if (UploadAreas.owns(user.name(), path)) {
      held.addAll(OWN_AREA_PERMISSIONS);
    }
    return held;
  }

  /** Ok, or PERMISSION_DENIED naming the principal, the missing permission and the path. */
  public Outcome<Void> check(Principal principal, Permission needed, DfsPath path) {
    if (enforced
        && principal instanceof Principal.Delegated d
        && !d.delegation().permitsAt(d.issuer().name(), path).contains(needed)) {
      return Outcome.rejected(
          ErrorCode.PERMISSION_DENIED,
          "permission denied: "
              + d.name()
              + "'s delegation token grants only "
              + d.delegation().describe()
              + ", not '"
              + needed.label()
              + "'"
              + (needed == Permission.ADMIN || needed == Permission.NODE ? "" : " on " + path));
    }
    Set<Permission> held = permissionsAt(principal, path);
    if (held.contains(needed)) {
      return Outcome.ok(null);
    }
    return Outcome.rejected(ErrorCode.PERMISSION_DENIED, denial(principal, needed, path, held));
  }

  private static String denial(
      Principal principal, Permission needed, DfsPath path, Set<Permission> held) {
    String where = needed == Permission.ADMIN || needed == Permission.NODE ? "" : " on " + path;
    String holds =
        held.isEmpty()
            ? "none"
            : held.stream().sorted().map(Permission::label).collect(Collectors.joining(", "));
    return "permission denied: "
        + principal.name()
        + " lacks '"
        + needed.label()
        + "'"
        + where
        + " (holds there: "
        + holds
        + ")";
  }
}
