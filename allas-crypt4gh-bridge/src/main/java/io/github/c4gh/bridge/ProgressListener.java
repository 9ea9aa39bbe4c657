package io.github.c4gh.bridge;

/**
 * Receives {@link TransferProgress} snapshots while an upload runs: after every MiB or so sealed,
 * after every part the server acknowledged, and once at the end. Calls come from the writing thread
 * and from the upload threads, but never at the same time (they are serialized), and each snapshot
 * has counts at least as large as the one before. Keep the listener quick: the upload waits for it.
 *
 * <pre>{@code
 * UploadOptions options = UploadOptions.builder()
 *     .progressListener(p -> System.err.printf("\r%d of %d bytes uploaded", p.uploadedBytes(), p.expectedObjectBytes()))
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface ProgressListener {
  /**
   * Called with the current progress.
   *
   * @param progress the counts so far
   */
  void progress(TransferProgress progress);
}
