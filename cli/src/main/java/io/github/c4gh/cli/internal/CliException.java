package io.github.c4gh.cli.internal;

import java.io.IOException;

/**
 * A failure whose message is already the one line the user sees after {@code c4gh: COMMAND: }.
 * {@code c4gh} exits with status 1. The cause, if any, is shown only with {@code C4GH_DEBUG=1}.
 */
public final class CliException extends IOException {
  private static final long serialVersionUID = 1L;

  /** A failure with its user-facing message. */
  public CliException(String message) {
    super(message);
  }

  /** A failure with its user-facing message and the exception behind it. */
  public CliException(String message, Throwable cause) {
    super(message, cause);
  }
}
