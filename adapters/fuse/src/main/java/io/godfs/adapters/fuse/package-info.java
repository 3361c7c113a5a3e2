/**
 * FUSE mount: goDFS files as plain files through libfuse 3 (jnr-ffi), driving the client in-ports.
 */
package io.godfs.adapters.fuse;
