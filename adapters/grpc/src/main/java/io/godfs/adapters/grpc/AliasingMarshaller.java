package io.godfs.adapters.grpc;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import com.google.protobuf.UnsafeByteOperations;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.protobuf.ProtoUtils;
import java.io.IOException;
import java.io.InputStream;

/**
 * Parses data-carrying messages with one copy instead of two: the message is read into a fresh
 * array and its {@code bytes} fields alias that array. gRPC's default protobuf marshaller reads
 * into a reused buffer and must then copy every {@code bytes} field out of it, which was the
 * largest single cost of a chunk read (about a fifth of the CPU in a profile of the read
 * benchmark).
 */
final class AliasingMarshaller<T extends Message> implements MethodDescriptor.Marshaller<T> {
  private final MethodDescriptor.Marshaller<T> writer;
  private final Parser<T> parser;

  @SuppressWarnings("unchecked")
  AliasingMarshaller(T defaultInstance) {
    this.writer = ProtoUtils.marshaller(defaultInstance);
    this.parser = (Parser<T>) defaultInstance.getParserForType();
  }

  @Override
  public InputStream stream(T value) {
    return writer.stream(value);
  }

  @Override
  public T parse(InputStream stream) {
    try {
      byte[] bytes =
          stream instanceof KnownLength
              ? stream.readNBytes(stream.available())
              : stream.readAllBytes();
      int more = stream.read();
      if (more != -1) { // available() under-reported: take the rest too
        bytes = concat(bytes, more, stream.readAllBytes());
      }
      // A ByteString's coded input is marked immutable, which protobuf requires before it aliases.
      CodedInputStream in = UnsafeByteOperations.unsafeWrap(bytes).newCodedInput();
      in.enableAliasing(true);
      in.setSizeLimit(Integer.MAX_VALUE);
      return parser.parseFrom(in);
    } catch (InvalidProtocolBufferException e) {
      throw Status.INTERNAL
          .withDescription("malformed message: " + e.getMessage())
          .withCause(e)
          .asRuntimeException();
    } catch (IOException e) {
      throw Status.INTERNAL
          .withDescription("cannot read message: " + e.getMessage())
          .withCause(e)
          .asRuntimeException();
    }
  }

  private static byte[] concat(byte[] head, int middle, byte[] tail) {
    byte[] out = new byte[head.length + 1 + tail.length];
    System.arraycopy(head, 0, out, 0, head.length);
    out[head.length] = (byte) middle;
    System.arraycopy(tail, 0, out, head.length + 1, tail.length);
    return out;
  }
}
