package io.github.c4gh.crypt4gh.internal.keys;

import io.github.c4gh.crypt4gh.PassphraseSource;
import io.github.c4gh.crypt4gh.WrongPassphraseException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Passphrases as UTF-8 bytes, with every intermediate buffer wiped. */
final class Passphrases {
  private Passphrases() {}

  /**
   * The UTF-8 bytes of {@code chars}; the caller owns (and wipes) the result. {@code chars} is not
   * modified.
   *
   * @throws IllegalArgumentException if the passphrase holds an unpaired surrogate
   */
  static byte[] utf8(char[] chars) {
    CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    if (chars.length > Integer.MAX_VALUE / 3) {
      throw new IllegalArgumentException("the passphrase is too long");
    }
    // UTF-8 never needs more than 3 bytes per UTF-16 unit, so one buffer of that size suffices and
    // the encoder never reallocates (which would leave unwiped copies behind).
    byte[] buffer = new byte[chars.length * 3];
    try {
      ByteBuffer out = ByteBuffer.wrap(buffer);
      CoderResult result = encoder.encode(CharBuffer.wrap(chars), out, true);
      if (!result.isUnderflow()) {
        throw new IllegalArgumentException("the passphrase is not valid text (unpaired surrogate)");
      }
      result = encoder.flush(out);
      if (!result.isUnderflow()) {
        throw new IllegalArgumentException("the passphrase is not valid text");
      }
      return Arrays.copyOf(buffer, out.position());
    } finally {
      Arrays.fill(buffer, (byte) 0);
    }
  }

  /**
   * Asks {@code source} for the passphrase of an encrypted key and returns its UTF-8 bytes, wiping
   * the array the source returned.
   *
   * @throws WrongPassphraseException if there is no source or it returns {@code null}
   */
  static byte[] request(PassphraseSource source) throws IOException {
    if (source == null) {
      throw new WrongPassphraseException("the key file is encrypted and no passphrase was given");
    }
    char[] chars = source.passphrase();
    if (chars == null) {
      throw new WrongPassphraseException("the key file is encrypted and no passphrase was given");
    }
    try {
      return utf8(chars);
    } finally {
      Arrays.fill(chars, '\0');
    }
  }
}
