package io.github.c4gh.crypt4gh;

/**
 * None of the header packets could be decrypted with the given secret key: the key is not one of
 * the file's recipients (or the header was altered). This is not a wrong passphrase (that is a
 * {@link WrongPassphraseException} while reading the key file) and not a corrupt data segment (that
 * is a {@link SegmentAuthenticationException}).
 */
public class NoDataKeyException extends Crypt4ghException {
  private static final long serialVersionUID = 1L;

  /** An error with a message. */
  public NoDataKeyException(String message) {
    super(message);
  }
}
