package io.github.c4gh.bridge;

/**
 * A snapshot of an upload's progress, for progress bars.
 *
 * @param plaintextBytes plaintext bytes the upload has been given (read from the caller)
 * @param encryptedBytes bytes of the Crypt4GH object sealed so far (header and segments)
 * @param uploadedBytes bytes of the object the server has acknowledged (whole parts)
 * @param partsDone parts acknowledged (a single PUT counts as one part)
 * @param expectedObjectBytes the size the whole object will have, or -1 when the length is unknown
 */
public record TransferProgress(long plaintextBytes, long encryptedBytes, long uploadedBytes, int partsDone, long expectedObjectBytes) {}
