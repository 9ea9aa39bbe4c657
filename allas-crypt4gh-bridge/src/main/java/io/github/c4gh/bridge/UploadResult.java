package io.github.c4gh.bridge;

/**
 * What an encrypted upload stored.
 *
 * @param bucket the bucket, as addressed
 * @param key the object key
 * @param eTag the object's ETag without quotes, as HEAD reports it ({@code <md5 of part md5s>-N}
 *     for a multipart upload)
 * @param plaintextBytes plaintext bytes encrypted
 * @param objectBytes bytes of the stored Crypt4GH object (header and segments)
 * @param parts parts of the multipart upload, or 0 when the object went in a single PUT
 */
public record UploadResult(String bucket, String key, String eTag, long plaintextBytes, long objectBytes, int parts) {}
