/**
 * Telemetry adapter (ADR 0023): a node's Prometheus registry, the JVM and process families and the
 * {@code /metrics} handler the node listener serves. The only module that imports {@code
 * io.prometheus}: the rest of goDFS sees a JDK {@code HttpHandler}.
 */
package io.godfs.adapters.telemetry;
