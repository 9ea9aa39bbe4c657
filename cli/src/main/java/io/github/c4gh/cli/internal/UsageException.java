package io.github.c4gh.cli.internal;

/** The command line is wrong: {@code c4gh} prints the message and the usage line and exits with 2. */
public final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A usage error with a one-line message. */
  public UsageException(String message) {
    super(message);
  }
}
