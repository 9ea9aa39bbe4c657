package io.github.c4gh.crypt4gh;

import io.github.c4gh.crypt4gh.internal.ChaCha20Poly1305;
import io.github.c4gh.crypt4gh.internal.SymmetricKey;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/** Encrypts and decrypts header packet payloads (X25519, BLAKE2b-512, ChaCha20-Poly1305). */
final class PacketCipher {
  private PacketCipher() {}

  /**
   * K_shared = first 32 bytes of BLAKE2b-512(K_dh || reader_public_key || writer_public_key), the
   * key libsodium's {@code crypto_kx} derives with the writer as server and the reader as client.
   */
  static byte[] sharedKey(byte[] dh, Crypt4ghPublicKey reader, Crypt4ghPublicKey writer) {
    Blake2bDigest d = new Blake2bDigest(512);
    d.update(dh, 0, dh.length);
    byte[] r = reader.toBytes();
    byte[] w = writer.toBytes();
    d.update(r, 0, r.length);
    d.update(w, 0, w.length);
    byte[] out = new byte[64];
    d.doFinal(out, 0);
    byte[] k = Arrays.copyOf(out, 32);
    Arrays.fill(out, (byte) 0);
    Arrays.fill(dh, (byte) 0);
    return k;
  }

  /** Encrypts {@code payload} for {@code recipient}, written by {@code writer}: a whole packet. */
  static HeaderPacket encrypt(byte[] payload, Crypt4ghPrivateKey writer, Crypt4ghPublicKey recipient, SecureRandom random)
      throws InvalidKeyException {
    byte[] k = sharedKey(writer.agree(recipient), recipient, writer.publicKey());
    SymmetricKey key = new SymmetricKey(k);
    Arrays.fill(k, (byte) 0);
    int length = HeaderPacket.PREFIX_LENGTH + payload.length + ChaCha20Poly1305.TAG_SIZE;
    byte[] out = new byte[length];
    ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(length).putInt(HeaderPacket.X25519_CHACHA20_IETF_POLY1305).put(writer.publicKey().toBytes());
    byte[] nonce = new byte[12];
    random.nextBytes(nonce);
    b.put(nonce);
    ChaCha20Poly1305.forCurrentThread().seal(key, nonce, 0, payload, 0, payload.length, out, HeaderPacket.PREFIX_LENGTH);
    key.wipe();
    try {
      return HeaderPacket.wrap(out);
    } catch (Crypt4ghFormatException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The decrypted payload of {@code packet}, or null when {@code reader} cannot open it. */
  static byte[] decrypt(HeaderPacket packet, Crypt4ghPrivateKey reader) {
    if (!packet.isKnownMethod()) {
      return null;
    }
    byte[] enc = packet.encodedUnsafe();
    Crypt4ghPublicKey writer = packet.writerPublicKey();
    byte[] dh;
    try {
      dh = reader.agree(writer);
    } catch (InvalidKeyException e) {
      return null;
    }
    byte[] k = sharedKey(dh, reader.publicKey(), writer);
    SymmetricKey key = new SymmetricKey(k);
    Arrays.fill(k, (byte) 0);
    int ctLen = enc.length - HeaderPacket.PREFIX_LENGTH;
    byte[] out = new byte[ctLen - ChaCha20Poly1305.TAG_SIZE];
    try {
      ChaCha20Poly1305.forCurrentThread().open(key, enc, 40, enc, HeaderPacket.PREFIX_LENGTH, ctLen, out, 0);
      return out;
    } catch (AEADBadTagException e) {
      Arrays.fill(out, (byte) 0);
      return null;
    } finally {
      key.wipe();
    }
  }
}
