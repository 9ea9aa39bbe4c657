/**
 * The Crypt4GH v1 codec: keys and key files, headers, segment encryption, streaming and
 * random-access channels, edit lists, re-encryption and rearrangement.
 */
module io.github.c4gh.crypt4gh {
  requires org.bouncycastle.provider;

  exports io.github.c4gh.crypt4gh;
}
