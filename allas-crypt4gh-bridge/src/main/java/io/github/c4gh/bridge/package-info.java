/**
 * Crypt4GH objects in Allas: {@link io.github.c4gh.bridge.AllasCrypt4gh} encrypts into multipart
 * uploads with bounded memory, decrypts whole objects or any byte range over ranged GETs, and
 * re-keys objects on the server.
 */
package io.github.c4gh.bridge;
