package io.godfs.adapters.metadatamemory;

import io.godfs.application.contract.MetadataStoreContract;
import io.godfs.application.port.out.MetadataStore;
import io.godfs.domain.file.Namespace;
import java.time.Instant;

class InMemoryMetadataStoreTest extends MetadataStoreContract {
  @Override
  protected MetadataStore newStore() {
    return new InMemoryMetadataStore(Namespace.empty(Instant.parse("2026-01-01T00:00:00Z")));
  }
}
