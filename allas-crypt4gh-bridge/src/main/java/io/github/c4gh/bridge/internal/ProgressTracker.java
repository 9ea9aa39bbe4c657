package io.github.c4gh.bridge.internal;

import io.github.c4gh.bridge.ProgressListener;
import io.github.c4gh.bridge.TransferProgress;

/** Counts an upload's progress and calls the listener, serialized and throttled. */
public final class ProgressTracker {
  private static final long STEP = 1L << 20;

  private final ProgressListener listener;
  private final long expectedObjectBytes;
  private long plaintext;
  private long encrypted;
  private long uploaded;
  private int parts;
  private long lastNotifiedEncrypted;

  /** @param listener may be null */
  public ProgressTracker(ProgressListener listener, long expectedObjectBytes) {
    this.listener = listener;
    this.expectedObjectBytes = expectedObjectBytes;
  }

  /** The plaintext accepted so far. */
  public synchronized void plaintext(long total) {
    plaintext = Math.max(plaintext, total);
  }

  /** The encrypted bytes sealed so far. */
  public synchronized void encrypted(long total) {
    encrypted = Math.max(encrypted, total);
    if (encrypted - lastNotifiedEncrypted >= STEP) {
      lastNotifiedEncrypted = encrypted;
      notifyListener();
    }
  }

  /** One part (or the single PUT) of {@code bytes} was acknowledged. */
  public synchronized void partDone(long bytes) {
    uploaded += bytes;
    parts++;
    notifyListener();
  }

  /** The upload finished. */
  public synchronized void finished() {
    notifyListener();
  }

  /** The current counts. */
  public synchronized TransferProgress snapshot() {
    return new TransferProgress(plaintext, encrypted, uploaded, parts, expectedObjectBytes);
  }

  private void notifyListener() {
    if (listener != null) {
      listener.progress(snapshot());
    }
  }
}
