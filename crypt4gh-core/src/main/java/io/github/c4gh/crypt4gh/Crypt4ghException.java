package io.github.c4gh.crypt4gh;

import java.io.IOException;

/**
 * Base type of every error this library raises about Crypt4GH content: malformed or unsupported
 * input, keys that cannot open a file, failed authentication. It is an {@link IOException}
 * because it is raised while reading or writing bytes.
 */
public class Crypt4ghException extends IOException {
  private static final long serialVersionUID = 1L;

  /** An error with a message. */
  public Crypt4ghException(String message) {
    super(message);
  }

  /** An error with a message and its cause. */
  public Crypt4ghException(String message, Throwable cause) {
    super(message, cause);
  }
}
