package io.godfs.application.contract;

import io.godfs.application.fake.DirectMasterRegistry;
import io.godfs.application.master.MasterServices;
import io.godfs.application.port.out.MasterRegistry;

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
