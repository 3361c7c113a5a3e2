package io.godfs.bootstrap.config;

import io.godfs.adapters.rest.GatewaySettings;
import java.util.Objects;

/** What {@code godfs gateway} needs: the master to talk to and how the HTTP side runs. */
public record GatewayConfig(String masterAddress, GatewaySettings settings) {
  public GatewayConfig {
    Objects.requireNonNull(masterAddress, "masterAddress");
    Objects.requireNonNull(settings, "settings");
  }
}
