package io.godfs.adapters.grpc;

import io.godfs.domain.chunk.ChunkPiece;

/**
 * A piece of a read's answer whose bytes lie in the network buffers they arrived in: valid until
 * {@code buffers} are released, which its reader does once it is done with the piece.
 */
record ReceivedPiece(ChunkPiece piece, HeldBuffers buffers) {}
