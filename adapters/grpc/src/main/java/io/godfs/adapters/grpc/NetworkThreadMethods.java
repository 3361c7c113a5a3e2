package io.godfs.adapters.grpc;

import io.godfs.api.v1.MasterServiceGrpc;
import java.util.HashSet;
import java.util.Set;

/**
 * The master's methods a server may run on its network threads, because they never wait on I/O or
 * on other masters: whoAmI always; createFile when {@code submitsNeverWait} (a replicated store
 * only queues a mutation and answers from a callback); stat when {@code queriesNeverWait} (a
 * leader's lease answers at once, else a callback does). A hop to another thread was 80 µs of a 300
 * µs stat on 2 cores (bench-peers-sdk: 3,308 -> 4,592 stats/s, whoAmI 4,119 -> 5,307/s, ADR 0030).
 */
public final class NetworkThreadMethods {
  private NetworkThreadMethods() {}

  public static Set<String> of(boolean submitsNeverWait, boolean queriesNeverWait) {
    Set<String> methods = new HashSet<>();
    methods.add(MasterServiceGrpc.getWhoAmIMethod().getFullMethodName());
    if (submitsNeverWait) {
      methods.add(MasterServiceGrpc.getCreateFileMethod().getFullMethodName());
    }
    if (queriesNeverWait) {
      methods.add(MasterServiceGrpc.getStatMethod().getFullMethodName());
    }
    return Set.copyOf(methods);
  }
}
