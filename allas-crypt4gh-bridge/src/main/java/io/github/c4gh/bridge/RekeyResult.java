package io.github.c4gh.bridge;

/**
 * What a server-side re-keying did, and what it cost in transfer.
 *
 * @param bucket the bucket, as addressed
 * @param key the key of the re-keyed object (the source's, or the target key)
 * @param eTag the new object's ETag without quotes
 * @param objectBytes bytes of the new object
 * @param oldHeaderBytes bytes of the old header
 * @param newHeaderBytes bytes of the new header
 * @param bytesDownloaded object bytes this client fetched (the old header and the leading segments)
 * @param bytesUploaded object bytes this client sent (the new header and the leading segments)
 * @param bytesCopiedOnServer bytes the server copied from the old object with {@code UploadPartCopy}
 * @param parts parts of the multipart upload, or 0 when the object was small enough to be rewritten
 *     whole in one PUT
 */
public record RekeyResult(
    String bucket,
    String key,
    String eTag,
    long objectBytes,
    long oldHeaderBytes,
    long newHeaderBytes,
    long bytesDownloaded,
    long bytesUploaded,
    long bytesCopiedOnServer,
    int parts) {

  /**
   * Whether the object was rewritten whole in one PUT (too small for a multipart upload).
   *
   * @return {@code true} when {@link #parts()} is 0
   */
  public boolean rewrittenWhole() {
    return parts == 0;
  }
}
