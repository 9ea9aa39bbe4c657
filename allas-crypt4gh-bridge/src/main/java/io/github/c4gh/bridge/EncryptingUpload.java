package io.github.c4gh.bridge;

import io.github.c4gh.bridge.internal.MultipartSink;
import io.github.c4gh.bridge.internal.ProgressTracker;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.WritableByteChannel;
import java.util.Objects;

/**
 * An upload in progress: plaintext written here is Crypt4GH-encrypted and streamed into an S3
 * object. It is both an {@link OutputStream} and a {@link WritableByteChannel}; use either view.
 *
 * <p>Nothing is stored until {@link #close()} succeeds: close seals the last segment, sends the last
 * part and completes the multipart upload (or, for an object smaller than one part, sends the one
 * PUT). If anything fails before, or {@link #abort()} was called, or the closing thread is
 * interrupted, or fewer bytes than the {@linkplain UploadOptions.Builder#expectedLength(long)
 * expected length} were written, close aborts the multipart upload instead and no object is left.
 *
 * <p><strong>If the code that writes fails, call {@link #abort()} before the stream is
 * closed</strong>; a plain try-with-resources would otherwise store the truncated object (unless the
 * expected length was given, which catches it). {@link AllasCrypt4gh#upload(String, String,
 * io.github.c4gh.crypt4gh.Crypt4ghEncryptor, java.io.InputStream, UploadOptions)} does this for you.
 *
 * <pre>{@code
 * try (EncryptingUpload up = bridge.newUpload("my-bucket", "run1/calls.vcf.c4gh", encryptor, UploadOptions.defaults())) {
 *   try {
 *     writeCalls(up);            // any OutputStream code
 *   } catch (IOException | RuntimeException e) {
 *     up.abort();                // nothing is stored
 *     throw e;
 *   }
 * }                              // completes the upload
 * }</pre>
 *
 * <p>Single-owner: one thread writes and closes; only {@link #abort()} may be called from another
 * thread (to cancel), after which the owner's next write fails and its close is quiet.
 * {@link #flush()} does nothing: segments and parts are cut at fixed sizes.
 */
public final class EncryptingUpload extends OutputStream implements WritableByteChannel {
  private final String bucket;
  private final String key;
  private final MultipartSink sink;
  private final WritableByteChannel encrypting;
  private final ProgressTracker progress;
  private final long expectedPlaintext;
  private long written;
  private boolean closed;
  private volatile boolean abortRequested;
  private IOException failure;
  private UploadResult result;

  EncryptingUpload(
      String bucket, String key, MultipartSink sink, WritableByteChannel encrypting, ProgressTracker progress, long expectedPlaintext) {
    this.bucket = bucket;
    this.key = key;
    this.sink = sink;
    this.encrypting = encrypting;
    this.progress = progress;
    this.expectedPlaintext = expectedPlaintext;
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    ensureOpen();
    int n = src.remaining();
    if (expectedPlaintext >= 0 && written + n > expectedPlaintext) {
      IOException e = new IOException("more plaintext than the expected length of " + expectedPlaintext + " bytes was written to the upload of "
          + bucket + "/" + key + "; the upload is aborted");
      fail(e);
      throw e;
    }
    try {
      while (src.hasRemaining()) {
        encrypting.write(src);
      }
    } catch (IOException | RuntimeException e) {
      fail(e);
      throw e;
    }
    written += n;
    progress.plaintext(written);
    return n;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    write(ByteBuffer.wrap(b, off, len));
  }

  @Override
  public void write(int b) throws IOException {
    write(ByteBuffer.wrap(new byte[] {(byte) b}));
  }

  /** Does nothing but check the upload is usable: segments and parts are cut at fixed sizes. */
  @Override
  public void flush() throws IOException {
    ensureOpen();
  }

  @Override
  public boolean isOpen() {
    return !closed;
  }

  /**
   * Plaintext bytes written so far.
   *
   * @return the count
   */
  public long plaintextBytes() {
    return written;
  }

  /**
   * The progress so far.
   *
   * @return a snapshot
   */
  public TransferProgress progress() {
    return progress.snapshot();
  }

  /**
   * Abandons the upload: parts in flight are cancelled, the multipart upload is aborted on the
   * server and no object is stored. May be called from any thread; idempotent. The owner still
   * closes the upload (a quiet no-op that releases its threads).
   */
  public void abort() {
    abortRequested = true;
    sink.abort(null);
  }

  /**
   * Finishes the upload and stores the object, or, after a failure, an {@link #abort()}, on an
   * interrupted thread or with fewer bytes than expected, aborts it. Idempotent.
   *
   * @throws TargetExistsException if the object exists and overwriting was not asked for
   * @throws StorageException if a request failed; nothing was stored
   * @throws IOException if the upload failed earlier or was incomplete; nothing was stored
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (failure == null && !abortRequested) {
      if (Thread.currentThread().isInterrupted()) {
        failure = new InterruptedIOException("the upload of " + bucket + "/" + key + " was cancelled (the closing thread is interrupted);"
            + " nothing was stored");
      } else if (expectedPlaintext >= 0 && written != expectedPlaintext) {
        failure = new IOException("only " + written + " of the " + expectedPlaintext + " expected plaintext bytes were written to "
            + bucket + "/" + key + "; the upload is aborted and nothing was stored");
      }
      if (failure != null) {
        sink.abort(failure);
        closeQuietly();
        throw failure;
      }
    }
    if (failure != null || abortRequested) {
      sink.abort(failure);
      closeQuietly();
      if (failure != null) {
        throw new IOException("the upload of " + bucket + "/" + key + " failed earlier; nothing was stored: " + failure.getMessage(), failure);
      }
      return;
    }
    try {
      encrypting.close(); // seals the last segment into the sink, which only ends its input
    } catch (IOException | RuntimeException e) {
      sink.abort(e);
      throw e;
    }
    MultipartSink.Stored stored = sink.commit();
    result = new UploadResult(bucket, key, stored.eTag(), written, stored.objectBytes(), stored.parts());
  }

  /**
   * What was stored, after a successful {@link #close()}.
   *
   * @return the result
   * @throws IllegalStateException before a successful close
   */
  public UploadResult result() {
    if (result == null) {
      throw new IllegalStateException("the upload of " + bucket + "/" + key + " has not completed");
    }
    return result;
  }

  /** For tests: the part sink. */
  MultipartSink sink() {
    return sink;
  }

  private void fail(Exception e) {
    if (failure == null) {
      failure = e instanceof IOException io ? io : new IOException(e);
    }
    sink.abort(e);
  }

  private void closeQuietly() {
    try {
      encrypting.close();
    } catch (IOException | RuntimeException e) {
      // the sink is aborted: the core's last write fails; it still shuts down its threads
    }
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new ClosedChannelException();
    }
    if (abortRequested) {
      throw new IOException("the upload of " + bucket + "/" + key + " was aborted");
    }
    if (failure != null) {
      throw new IOException("the upload of " + bucket + "/" + key + " failed earlier: " + failure.getMessage(), failure);
    }
  }
}
