package io.godfs.adapters.metadataratis;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Checks one path's history of create / delete / stat against a sequential model (the path is
 * absent, or holds the file with some id) by the Wing-Gong search with memoization: is there an
 * order of the operations, consistent with each one's invocation and response times, in which the
 * model gives every recorded result? An operation whose result is unknown (the client gave up) may
 * take effect anywhere after its invocation, or not at all.
 */
final class LinearizabilityChecker {
  enum Kind {
    CREATE,
    DELETE,
    STAT
  }

  /**
   * {@code ok}: the call succeeded; {@code fileId} for a successful create or stat; {@code known}
   * false: no answer.
   */
  record Op(Kind kind, long invoked, long returned, boolean known, boolean ok, long fileId) {}

  private static final long ABSENT = 0;

  /** A file exists whose id nobody saw (created by an operation without an answer). */
  private static final long ANY_ID = -1;

  private LinearizabilityChecker() {}

  /** Null when linearizable; else a description of the history that is not. */
  static String check(List<Op> history) {
    List<Op> ops = new ArrayList<>(history);
    Set<Visit> seen = new HashSet<>();
    return search(ops, new BitSet(ops.size()), ABSENT, seen)
        ? null
        : "no linearization of " + ops.size() + " operations: " + ops;
  }

  private record Visit(BitSet done, long state) {}

  private static boolean search(List<Op> ops, BitSet done, long state, Set<Visit> seen) {
    boolean allKnownDone = true;
    long earliestReturn = Long.MAX_VALUE;
    for (int i = 0; i < ops.size(); i++) {
      if (!done.get(i)) {
        Op op = ops.get(i);
        if (op.known()) {
          allKnownDone = false;
          earliestReturn = Math.min(earliestReturn, op.returned());
        }
      }
    }
    if (allKnownDone) {
      return true; // operations without an answer may never have taken effect
    }
    if (!seen.add(new Visit((BitSet) done.clone(), state))) {
      return false;
    }
    for (int i = 0; i < ops.size(); i++) {
      Op op = ops.get(i);
      // Only an operation invoked before every pending one returned can be next.
      if (done.get(i) || op.invoked() > earliestReturn) {
        continue;
      }
      Long next = apply(op, state);
      if (next != null) {
        done.set(i);
        if (search(ops, done, next, seen)) {
          return true;
        }
        done.clear(i);
      }
    }
    return false;
  }

  /**
   * The state after {@code op} if the model gives its recorded result from {@code state}, else
   * null.
   */
  private static Long apply(Op op, long state) {
    boolean present = state != ABSENT;
    return switch (op.kind()) {
      case CREATE -> {
        if (!op.known()) {
          yield present ? state : ANY_ID;
        }
        yield op.ok() == !present ? (op.ok() ? op.fileId() : state) : null;
      }
      case DELETE -> {
        if (!op.known()) {
          yield ABSENT;
        }
        yield op.ok() == present ? ABSENT : null;
      }
      case STAT -> {
        if (!op.known()) {
          yield state;
        }
        if (op.ok() != present) {
          yield null;
        }
        yield !op.ok() || state == ANY_ID || Objects.equals(state, op.fileId())
            ? (op.ok() ? op.fileId() : state)
            : null;
      }
    };
  }
}
