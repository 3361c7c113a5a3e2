package io.godfs.application.contract;

import io.godfs.application.fake.DirectMasterRegistry;
import io.godfs.application.port.out.MasterRegistry;
import io.godfs.application.service.MasterServices;

/** The in-process master registry keeps the port's contract, so chunkserver tests may use it. */
class DirectMasterRegistryTest extends MasterRegistryContract {

  @Override
  protected MasterRegistry connect(MasterServices master) {
    return new DirectMasterRegistry(master);
  }

  @Override
  protected void disconnect() {
    // Nothing was started.
  }
}
