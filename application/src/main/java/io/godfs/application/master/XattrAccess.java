package io.godfs.application.master;

import io.godfs.domain.access.Permission;
import io.godfs.domain.file.XattrRules;
import io.godfs.domain.file.Xattrs;
import java.util.TreeMap;

/**
 * Who may touch which extended attributes (ADR 0028), as Linux rules them: {@code trusted.*} only
 * for administrators (CAP_SYS_ADMIN), who alone see them listed; {@code user.*} for whoever may
 * write the path (changes) or read it (reads).
 */
final class XattrAccess {
  private XattrAccess() {}

  /** The permission a change of attribute {@code name} needs. */
  static Permission toChange(String name) {
    return name.startsWith(XattrRules.TRUSTED) ? Permission.ADMIN : Permission.WRITE;
  }

  /** What of {@code all} a reader sees: everything for an administrator, else no trusted.*. */
  static Xattrs visible(Xattrs all, boolean admin) {
    if (admin || all.names().stream().noneMatch(n -> n.startsWith(XattrRules.TRUSTED))) {
      return all;
    }
    TreeMap<String, byte[]> shown = new TreeMap<>(all.asMap());
    shown.keySet().removeIf(n -> n.startsWith(XattrRules.TRUSTED));
    return Xattrs.of(shown);
  }
}
