/** Crypt4GH encryption and decryption streamed to and from Allas objects. */
module io.github.c4gh.bridge {
  requires transitive io.github.c4gh.crypt4gh;
  requires transitive io.github.c4gh.allas;

  exports io.github.c4gh.bridge;
}
