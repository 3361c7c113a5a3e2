package io.godfs.application.contract;

import io.godfs.application.fake.FakeMetadataStore;
import io.godfs.application.port.out.MetadataStore;

class FakeMetadataStoreTest extends MetadataStoreContract {
  @Override
  protected MetadataStore newStore() {
    return new FakeMetadataStore();
  }
}
