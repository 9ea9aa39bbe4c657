package io.github.c4gh.crypt4gh;

/** The passphrase does not unlock the secret key file (its authentication tag or check bytes do not match). */
public class WrongPassphraseException extends Crypt4ghException {
  private static final long serialVersionUID = 1L;

  /** An error with a message. */
  public WrongPassphraseException(String message) {
    super(message);
  }
}
