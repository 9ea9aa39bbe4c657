package io.github.c4gh.crypt4gh;

/** A well-formed key file uses a KDF, cipher or key type this library does not support. */
public class UnsupportedKeyFormatException extends Crypt4ghException {
  private static final long serialVersionUID = 1L;

  /** An error with a message. */
  public UnsupportedKeyFormatException(String message) {
    super(message);
  }
}
