package io.github.c4gh.cli.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Turns exceptions into the one line {@code c4gh} prints after {@code c4gh: COMMAND: }. */
public final class Failures {
  private Failures() {}

  /** The one-line message for a failure. */
  public static String describe(Throwable e) {
    if (e instanceof UncheckedIOException && e.getCause() != null) {
      return describe(e.getCause());
    }
    String message;
    if (e instanceof CliException) {
      message = e.getMessage();
    } else if (e instanceof NoSuchFileException) {
      message = file((FileSystemException) e) + ": no such file or directory";
    } else if (e instanceof AccessDeniedException) {
      message = file((FileSystemException) e) + ": permission denied";
    } else if (e instanceof FileAlreadyExistsException) {
      message = file((FileSystemException) e) + " already exists (use -f/--force to replace it)";
    } else if (e instanceof NotDirectoryException) {
      message = file((FileSystemException) e) + ": not a directory";
    } else if (e instanceof DirectoryNotEmptyException) {
      message = file((FileSystemException) e) + ": directory not empty";
    } else if (e instanceof FileSystemException) {
      FileSystemException f = (FileSystemException) e;
      message = file(f) + (f.getReason() != null ? ": " + f.getReason() : "");
    } else if (e instanceof IOException || e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
      message = e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage() : e.getClass().getSimpleName();
    } else {
      message = "internal error: " + e;
    }
    return oneLine(message);
  }

  /** Whether {@code e} is a failure described as an ordinary error (not an internal error). */
  static boolean isOrdinary(Throwable e) {
    return e instanceof IOException || e instanceof UncheckedIOException || e instanceof IllegalArgumentException
        || e instanceof IllegalStateException;
  }

  private static String file(FileSystemException e) {
    String f = e.getFile();
    return f == null ? "(unnamed file)" : f;
  }

  /** Folds line breaks and control characters into spaces. */
  static String oneLine(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(Character.isISOControl(c) ? ' ' : c);
    }
    return b.toString().strip();
  }
}
