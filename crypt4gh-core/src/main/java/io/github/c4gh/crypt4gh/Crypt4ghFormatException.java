package io.github.c4gh.crypt4gh;

/**
 * The input is not a well-formed Crypt4GH v1 file, or uses a feature this implementation does not
 * support: wrong magic or version, a count or length out of bounds, an unknown packet type, more
 * than one edit list, a truncated segment.
 */
public class Crypt4ghFormatException extends Crypt4ghException {
  private static final long serialVersionUID = 1L;

  /** An error with a message. */
  public Crypt4ghFormatException(String message) {
    super(message);
  }

  /** An error with a message and its cause. */
  public Crypt4ghFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
