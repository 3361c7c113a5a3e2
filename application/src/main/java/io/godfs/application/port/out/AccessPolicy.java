package io.godfs.application.port.out;

import io.godfs.domain.access.AccessRules;

/**
 * Where the master's access rules come from: fixed at start, or a file read again when it changes
 * (the seed's {@code GODFS_RBAC_JSON} with a reload interval).
 */
public interface AccessPolicy {

  /** The rules in force now. */
  AccessRules rules();

  /** Rules that never change. */
  static AccessPolicy fixed(AccessRules rules) {
    return () -> rules;
  }
}
