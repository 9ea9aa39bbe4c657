package io.github.c4gh.allas.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Remembers the first {@link IOException} a caller's stream threw while the SDK read it, so that
 * the upload can rethrow it as what it is (a local I/O failure) instead of an SDK client error.
 */
public final class ReadTracker {
  private volatile IOException failure;

  /** The first failure seen, or {@code null}. */
  public IOException failure() {
    return failure;
  }

  /** Records a failure (the first one wins). */
  public void failed(IOException e) {
    if (failure == null) {
      failure = e;
    }
  }

  /** A stream that records the failures of {@code in}. Closing it closes {@code in}. */
  public InputStream wrap(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        try {
          return super.read();
        } catch (IOException e) {
          failed(e);
          throw e;
        }
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        try {
          return in.read(b, off, len);
        } catch (IOException e) {
          failed(e);
          throw e;
        }
      }

      @Override
      public long skip(long n) throws IOException {
        try {
          return super.skip(n);
        } catch (IOException e) {
          failed(e);
          throw e;
        }
      }

      @Override
      public void reset() throws IOException {
        try {
          super.reset();
        } catch (IOException e) {
          failed(e);
          throw e;
        }
      }
    };
  }
}
