/** FUSE mount: goDFS files as plain files through jnr-fuse, driving the client in-ports. */
package io.godfs.adapters.fuse;
