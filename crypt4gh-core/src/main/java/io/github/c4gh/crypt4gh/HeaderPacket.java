package io.github.c4gh.crypt4gh;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One encrypted header packet as stored in the file:
 * {@code u32 packet_length || u32 header_encryption_method || writer_public_key[32] || nonce[12] ||
 * encrypted payload || tag[16]}. Immutable; holds the encoded bytes and parses its fields on demand.
 * A packet whose method is unknown is kept as it is.
 */
public final class HeaderPacket {
  /** {@code X25519_chacha20_ietf_poly1305}, the only header encryption method of Crypt4GH v1. */
  public static final int X25519_CHACHA20_IETF_POLY1305 = 0;
  /** Bytes before the encrypted payload: length, method, writer key, nonce. */
  public static final int PREFIX_LENGTH = 4 + 4 + 32 + 12;
  /** Smallest well-formed packet of the known method: prefix, a 4-byte packet type, tag. */
  public static final int MIN_LENGTH = PREFIX_LENGTH + 4 + 16;
  /** Largest packet this implementation reads (1 MiB), bounding what a file can make it allocate. */
  public static final int MAX_LENGTH = 1 << 20;

  private final byte[] encoded;

  private HeaderPacket(byte[] encoded) {
    this.encoded = encoded;
  }

  /** A packet from its complete encoding (length field included); the array is copied. */
  public static HeaderPacket fromEncoded(byte[] encoded) throws Crypt4ghFormatException {
    return wrap(encoded.clone());
  }

  static HeaderPacket wrap(byte[] encoded) throws Crypt4ghFormatException {
    if (encoded.length < 8) {
      throw new Crypt4ghFormatException("header packet shorter than its length and method fields");
    }
    ByteBuffer b = ByteBuffer.wrap(encoded).order(ByteOrder.LITTLE_ENDIAN);
    long declared = Integer.toUnsignedLong(b.getInt(0));
    if (declared != encoded.length) {
      throw new Crypt4ghFormatException("header packet length field says " + declared + " but the packet has " + encoded.length + " bytes");
    }
    int method = b.getInt(4);
    if (method == X25519_CHACHA20_IETF_POLY1305 && encoded.length < MIN_LENGTH) {
      throw new Crypt4ghFormatException("header packet of " + encoded.length + " bytes is too short for its method");
    }
    return new HeaderPacket(encoded);
  }

  /** The {@code packet_length} field: bytes of the whole packet, these 4 included. */
  public int packetLength() {
    return encoded.length;
  }

  /** The {@code header_encryption_method} field. */
  public int encryptionMethod() {
    return ByteBuffer.wrap(encoded).order(ByteOrder.LITTLE_ENDIAN).getInt(4);
  }

  /** The method's spec name. */
  public String encryptionMethodName() {
    int m = encryptionMethod();
    return m == X25519_CHACHA20_IETF_POLY1305 ? "X25519_chacha20_ietf_poly1305" : "unknown(" + Integer.toUnsignedString(m) + ")";
  }

  /** Whether this implementation knows the packet's encryption method. */
  public boolean isKnownMethod() {
    return encryptionMethod() == X25519_CHACHA20_IETF_POLY1305;
  }

  /**
   * The writer's public key.
   *
   * @throws IllegalStateException if the method is unknown (the field layout is then unknown too)
   */
  public Crypt4ghPublicKey writerPublicKey() {
    if (!isKnownMethod()) {
      throw new IllegalStateException("unknown header encryption method");
    }
    return Crypt4ghPublicKey.of(Arrays.copyOfRange(encoded, 8, 40));
  }

  /** Bytes of the encrypted payload including its tag. */
  public int encryptedPayloadLength() {
    return encoded.length - PREFIX_LENGTH;
  }

  /** A copy of the complete encoding. */
  public byte[] encoded() {
    return encoded.clone();
  }

  byte[] encodedUnsafe() {
    return encoded;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HeaderPacket && Arrays.equals(((HeaderPacket) o).encoded, encoded);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encoded);
  }

  @Override
  public String toString() {
    return "HeaderPacket[" + packetLength() + " bytes, " + encryptionMethodName() + "]";
  }
}
