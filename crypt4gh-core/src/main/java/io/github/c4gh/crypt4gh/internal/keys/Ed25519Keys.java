package io.github.c4gh.crypt4gh.internal.keys;

import io.github.c4gh.crypt4gh.MalformedKeyFileException;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Ed25519 keys (OpenSSH {@code ssh-ed25519}) turned into X25519 keys, as libsodium's
 * {@code crypto_sign_ed25519_pk_to_curve25519} and {@code crypto_sign_ed25519_sk_to_curve25519}
 * do, which is what the Python reference uses.
 */
final class Ed25519Keys {
  static final int PUBLIC_LENGTH = 32;
  static final int SEED_LENGTH = 32;

  private static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));

  private Ed25519Keys() {}

  /**
   * The X25519 public key of an Ed25519 public key: u = (1 + y) / (1 - y) mod p. Like libsodium, it
   * rejects encodings that are not a point of prime order (non-canonical, off the curve, small
   * order, outside the main subgroup).
   */
  static byte[] publicToX25519(byte[] edPublic) throws MalformedKeyFileException {
    if (edPublic.length != PUBLIC_LENGTH || !Ed25519.validatePublicKeyFull(edPublic, 0)) {
      throw new MalformedKeyFileException("the OpenSSH key holds an invalid Ed25519 public key");
    }
    byte[] bigEndian = new byte[PUBLIC_LENGTH];
    for (int i = 0; i < PUBLIC_LENGTH; i++) {
      bigEndian[i] = edPublic[PUBLIC_LENGTH - 1 - i];
    }
    bigEndian[0] &= 0x7f; // the top bit is the sign of x
    BigInteger y = new BigInteger(1, bigEndian);
    BigInteger oneMinusY = BigInteger.ONE.subtract(y).mod(P);
    if (oneMinusY.signum() == 0) {
      throw new MalformedKeyFileException("the OpenSSH key holds an invalid Ed25519 public key");
    }
    BigInteger u = BigInteger.ONE.add(y).multiply(oneMinusY.modInverse(P)).mod(P);
    byte[] uBigEndian = u.toByteArray();
    byte[] out = new byte[PUBLIC_LENGTH];
    for (int i = 0; i < PUBLIC_LENGTH && i < uBigEndian.length; i++) {
      out[i] = uBigEndian[uBigEndian.length - 1 - i];
    }
    return out;
  }

  /**
   * The X25519 secret key of an Ed25519 seed: the first 32 bytes of SHA-512(seed), clamped (the
   * Ed25519 secret scalar), exactly as libsodium returns it.
   */
  static byte[] seedToX25519(byte[] seed) {
    byte[] h = new byte[64];
    SHA512Digest sha = new SHA512Digest();
    try {
      sha.update(seed, 0, SEED_LENGTH);
      sha.doFinal(h, 0);
      h[0] &= (byte) 248;
      h[31] &= 127;
      h[31] |= 64;
      return Arrays.copyOf(h, 32);
    } finally {
      Arrays.fill(h, (byte) 0);
      sha.reset();
    }
  }

  /** The Ed25519 public key of a seed (RFC 8032). */
  static byte[] publicFromSeed(byte[] seed) {
    byte[] pk = new byte[PUBLIC_LENGTH];
    Ed25519.generatePublicKey(seed, 0, pk, 0);
    return pk;
  }
}
