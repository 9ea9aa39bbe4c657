package io.github.c4gh.examples;

import org.junit.jupiter.api.Test;

/** Each focused example runs to its end on the embedded S3Proxy (they throw on a failed check). */
class FocusedExamplesTest {
  static final String[] EMBEDDED = {"--embedded"};

  @Test
  void encryptFile() throws Exception {
    EncryptFile.main(new String[0]);
  }

  @Test
  void decryptRange() throws Exception {
    DecryptRange.main(new String[0]);
  }

  @Test
  void uploadEncrypted() throws Exception {
    UploadEncrypted.main(EMBEDDED);
  }

  @Test
  void downloadDecrypted() throws Exception {
    DownloadDecrypted.main(EMBEDDED);
  }

  @Test
  void shareAndRevokeIsSkipped() throws Exception {
    ShareAndRevoke.main(EMBEDDED);
  }

  @Test
  void rekeyObject() throws Exception {
    RekeyObject.main(EMBEDDED);
  }

  @Test
  void readBamRegion() throws Exception {
    ReadBamRegion.main(EMBEDDED);
  }
}
