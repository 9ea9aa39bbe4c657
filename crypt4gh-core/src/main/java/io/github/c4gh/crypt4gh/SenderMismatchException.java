package io.github.c4gh.crypt4gh;

/**
 * The reader asked to check the sender, and the header packets that the key can open were written
 * by a different public key.
 */
public class SenderMismatchException extends Crypt4ghException {
  private static final long serialVersionUID = 1L;

  /** An error with a message. */
  public SenderMismatchException(String message) {
    super(message);
  }
}
