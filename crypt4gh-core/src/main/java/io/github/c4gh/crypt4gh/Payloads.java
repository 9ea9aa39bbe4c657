package io.github.c4gh.crypt4gh;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** Plaintext header packet payloads: {@code u32 packet_type || body}. */
final class Payloads {
  static final int DATA_ENCRYPTION_PARAMETERS = 0;
  static final int DATA_EDIT_LIST = 1;

  private Payloads() {}

  static byte[] dataKey(DataEncryptionParameters p) {
    byte[] key = p.exportDataKey();
    ByteBuffer b = ByteBuffer.allocate(8 + key.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(DATA_ENCRYPTION_PARAMETERS).putInt(p.method()).put(key);
    Arrays.fill(key, (byte) 0);
    return b.array();
  }

  static byte[] editList(DataEditList list) {
    long[] lengths = list.lengths();
    ByteBuffer b = ByteBuffer.allocate(8 + 8 * lengths.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(DATA_EDIT_LIST).putInt(lengths.length);
    for (long l : lengths) {
      b.putLong(l);
    }
    return b.array();
  }

  /** A {@link DataEncryptionParameters} or a {@link DataEditList}; trailing padding is accepted. */
  static Object parse(byte[] payload, int packetIndex) throws Crypt4ghFormatException {
    ByteBuffer b = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
    if (payload.length < 4) {
      throw new Crypt4ghFormatException("header packet " + packetIndex + " has no packet type");
    }
    int type = b.getInt();
    switch (type) {
      case DATA_ENCRYPTION_PARAMETERS: {
        if (b.remaining() < 4 + DataEncryptionParameters.KEY_LENGTH) {
          throw new Crypt4ghFormatException("header packet " + packetIndex + ": data_encryption_parameters is truncated");
        }
        int method = b.getInt();
        if (method != DataEncryptionParameters.CHACHA20_IETF_POLY1305) {
          throw new Crypt4ghFormatException(
              "header packet " + packetIndex + ": unsupported data encryption method " + Integer.toUnsignedString(method));
        }
        byte[] key = new byte[DataEncryptionParameters.KEY_LENGTH];
        b.get(key);
        DataEncryptionParameters p = DataEncryptionParameters.chacha20Poly1305(key);
        Arrays.fill(key, (byte) 0);
        return p;
      }
      case DATA_EDIT_LIST: {
        if (b.remaining() < 4) {
          throw new Crypt4ghFormatException("header packet " + packetIndex + ": data_edit_list is truncated");
        }
        long n = Integer.toUnsignedLong(b.getInt());
        if (n > DataEditList.MAX_LENGTHS || n * 8 > b.remaining()) {
          throw new Crypt4ghFormatException(
              "header packet " + packetIndex + ": edit list declares " + n + " lengths but holds room for " + b.remaining() / 8);
        }
        long[] lengths = new long[(int) n];
        for (int i = 0; i < n; i++) {
          lengths[i] = b.getLong();
          if (lengths[i] < 0) {
            throw new Crypt4ghFormatException("header packet " + packetIndex + ": edit list length " + i + " exceeds 2^63-1");
          }
        }
        return DataEditList.of(lengths);
      }
      default:
        throw new Crypt4ghFormatException(
            "header packet " + packetIndex + " has the unknown packet type " + Integer.toUnsignedString(type));
    }
  }
}
