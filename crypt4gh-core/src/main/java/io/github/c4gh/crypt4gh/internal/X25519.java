package io.github.c4gh.crypt4gh.internal;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.KeyAgreement;

/**
 * X25519 (RFC 7748) over the JDK's {@code XDH} provider, on raw 32-byte keys. The JDK clamps the
 * scalar and rejects an all-zero shared secret, as libsodium does.
 */
public final class X25519 {
  private static final byte[] BASE_POINT = new byte[32];

  static {
    BASE_POINT[0] = 9;
  }

  private X25519() {}

  /** The public key of a raw secret: X25519(secret, 9). */
  public static byte[] publicFromSecret(byte[] secret) {
    try {
      return agree(secret, BASE_POINT);
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("X25519 base point multiplication failed", e);
    }
  }

  /**
   * X25519(secret, peerPublic).
   *
   * @throws InvalidKeyException if the peer key is of low order (all-zero output)
   */
  public static byte[] agree(byte[] secret, byte[] peerPublic) throws InvalidKeyException {
    try {
      KeyFactory kf = KeyFactory.getInstance("XDH");
      PrivateKey sk = kf.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, secret.clone()));
      PublicKey pk = kf.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, decodeU(peerPublic)));
      KeyAgreement ka = KeyAgreement.getInstance("XDH");
      ka.init(sk);
      ka.doPhase(pk, true);
      byte[] out = ka.generateSecret();
      if (isZero(out)) {
        throw new InvalidKeyException("X25519 produced an all-zero shared secret");
      }
      return out;
    } catch (InvalidKeyException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK's XDH provider is not available", e);
    }
  }

  /** Decodes a u-coordinate: little-endian, top bit masked (RFC 7748 section 5). */
  private static BigInteger decodeU(byte[] u) {
    byte[] be = new byte[33];
    for (int i = 0; i < 32; i++) {
      be[32 - i] = u[i];
    }
    be[1] &= 0x7f;
    return new BigInteger(be);
  }

  private static boolean isZero(byte[] b) {
    int acc = 0;
    for (byte x : b) {
      acc |= x;
    }
    return acc == 0;
  }
}
