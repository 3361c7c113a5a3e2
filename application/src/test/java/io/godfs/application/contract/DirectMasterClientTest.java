package io.godfs.application.contract;

import io.godfs.application.fake.DirectMasterClient;
import io.godfs.application.master.MasterServices;
import io.godfs.application.port.out.MasterClient;

/** The in-process master client keeps the port's contract, so client tests may use it. */
class DirectMasterClientTest extends MasterClientContract {

  @Override
  protected MasterClient connect(MasterServices master) {
    return new DirectMasterClient(master);
  }

  @Override
  protected void disconnect() {
    // Nothing was started.
  }
}
