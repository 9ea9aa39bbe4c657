package io.github.c4gh.crypt4gh;

/** A key file is not in any format this library reads, or its content is damaged. */
public class MalformedKeyFileException extends Crypt4ghException {
  private static final long serialVersionUID = 1L;

  /** An error with a message. */
  public MalformedKeyFileException(String message) {
    super(message);
  }

  /** An error with a message and its cause. */
  public MalformedKeyFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
