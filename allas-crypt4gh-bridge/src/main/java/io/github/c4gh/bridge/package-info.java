/** Encrypt-as-you-upload, random-access download and server-side re-keying of Crypt4GH objects. */
package io.github.c4gh.bridge;
