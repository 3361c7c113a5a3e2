package io.godfs.application.port.in;

/**
 * Whether the master is in safe mode, whether an operator put it there, and why it is still in it.
 */
public record SafeModeStatus(boolean on, boolean manual, String reason) {}
