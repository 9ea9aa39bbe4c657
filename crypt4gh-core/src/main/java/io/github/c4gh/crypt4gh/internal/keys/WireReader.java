package io.github.c4gh.crypt4gh.internal.keys;

import io.github.c4gh.crypt4gh.MalformedKeyFileException;
import java.util.Arrays;

/**
 * A bounds-checked reader over the binary body of a key file: big-endian integers and
 * length-prefixed strings (u16 lengths in c4gh-v1, u32 lengths in the SSH wire format). Every
 * length is checked against the bytes left before anything is allocated. Messages name the field,
 * never its content.
 */
final class WireReader {
  private final byte[] buffer;
  private final int end;
  private int position;

  WireReader(byte[] buffer) {
    this(buffer, 0, buffer.length);
  }

  WireReader(byte[] buffer, int offset, int length) {
    this.buffer = buffer;
    this.position = offset;
    this.end = offset + length;
  }

  int remaining() {
    return end - position;
  }

  boolean hasRemaining() {
    return position < end;
  }

  /** Consumes {@code magic} if the input starts with it; otherwise consumes nothing. */
  boolean skipMagic(byte[] magic) {
    if (remaining() < magic.length || !Arrays.equals(buffer, position, position + magic.length, magic, 0, magic.length)) {
      return false;
    }
    position += magic.length;
    return true;
  }

  int u8(String what) throws MalformedKeyFileException {
    require(1, what);
    return buffer[position++] & 0xff;
  }

  int u16(String what) throws MalformedKeyFileException {
    require(2, what);
    int v = ((buffer[position] & 0xff) << 8) | (buffer[position + 1] & 0xff);
    position += 2;
    return v;
  }

  long u32(String what) throws MalformedKeyFileException {
    require(4, what);
    long v = ((long) (buffer[position] & 0xff) << 24)
        | ((buffer[position + 1] & 0xff) << 16)
        | ((buffer[position + 2] & 0xff) << 8)
        | (buffer[position + 3] & 0xff);
    position += 4;
    return v;
  }

  /** A c4gh-v1 string: u16 length, then that many bytes (a copy). */
  byte[] u16String(String what) throws MalformedKeyFileException {
    int length = u16(what + " length");
    return bytes(length, what);
  }

  /** An SSH wire string: u32 length, then that many bytes (a copy). */
  byte[] u32String(String what) throws MalformedKeyFileException {
    long length = u32(what + " length");
    if (length > remaining()) {
      throw new MalformedKeyFileException(
          "the key file is truncated or damaged: " + what + " claims " + length + " bytes but only " + remaining() + " remain");
    }
    return bytes((int) length, what);
  }

  /** The next {@code length} bytes (a copy). */
  byte[] bytes(int length, String what) throws MalformedKeyFileException {
    require(length, what);
    byte[] out = Arrays.copyOfRange(buffer, position, position + length);
    position += length;
    return out;
  }

  /** Fails if any bytes are left. */
  void requireEnd(String what) throws MalformedKeyFileException {
    if (hasRemaining()) {
      throw new MalformedKeyFileException("the key file has " + remaining() + " unexpected bytes after " + what);
    }
  }

  private void require(int length, String what) throws MalformedKeyFileException {
    if (length > remaining()) {
      throw new MalformedKeyFileException(
          "the key file is truncated or damaged: " + what + " needs " + length + " bytes but only " + remaining() + " remain");
    }
  }
}
