package io.godfs.adapters.metadataratis;

import static io.godfs.adapters.metadataratis.Times.fromProto;
import static io.godfs.adapters.metadataratis.Times.toProto;

import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.NamespaceCommand;
import io.godfs.metadata.v1.ExchangeNames;
import io.godfs.metadata.v1.Link;

/** Hard links and exchanges (ADR 0028) to and from their log form. */
final class LinkCodec {
  private LinkCodec() {}

  static Link encode(NamespaceCommand.Link c) {
    return Link.newBuilder()
        .setExisting(c.existing().toString())
        .setLink(c.link().toString())
        .setAt(toProto(c.at()))
        .build();
  }

  static NamespaceCommand.Link decode(Link m) {
    return new NamespaceCommand.Link(
        new DfsPath(m.getExisting()), new DfsPath(m.getLink()), fromProto(m.getAt()));
  }

  static ExchangeNames encode(NamespaceCommand.ExchangeNames c) {
    return ExchangeNames.newBuilder()
        .setFirst(c.first().toString())
        .setSecond(c.second().toString())
        .setAt(toProto(c.at()))
        .build();
  }

  static NamespaceCommand.ExchangeNames decode(ExchangeNames m) {
    return new NamespaceCommand.ExchangeNames(
        new DfsPath(m.getFirst()), new DfsPath(m.getSecond()), fromProto(m.getAt()));
  }
}
