package io.github.c4gh.examples.snippets;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;

import htsjdk.samtools.SAMRecordIterator;
import htsjdk.samtools.SamReader;
import htsjdk.samtools.SamReaderFactory;
import io.github.c4gh.allas.AllasClient;
import io.github.c4gh.bridge.AllasCrypt4gh;
import io.github.c4gh.bridge.RekeyOptions;
import io.github.c4gh.bridge.RekeyResult;
import io.github.c4gh.bridge.UploadOptions;
import io.github.c4gh.bridge.UploadResult;
import io.github.c4gh.crypt4gh.Crypt4ghDecryptor;
import io.github.c4gh.crypt4gh.Crypt4ghEncryptor;
import io.github.c4gh.crypt4gh.Crypt4ghPrivateKey;
import io.github.c4gh.crypt4gh.Crypt4ghPublicKey;
import io.github.c4gh.crypt4gh.HeaderOperations;
import io.github.c4gh.crypt4gh.Kdf;
import io.github.c4gh.crypt4gh.KeyFiles;
import io.github.c4gh.crypt4gh.ReencryptOptions;
import io.github.c4gh.htsjdk.Crypt4ghHtsjdk;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/**
 * The Java snippets of the README, kept compiling here. Each block between a {@code // README:<name>}
 * comment and the next {@code // END} appears verbatim (up to whitespace) in {@code README.md};
 * {@code ReadmeSnippetsTest} checks that. Edit a snippet here first, then copy it into the README.
 *
 * <pre>{@code
 * // the snippets are fragments with their inputs as parameters, not a program:
 * ReadmeSnippets.encryptFile();
 * }</pre>
 */
public final class ReadmeSnippets {
  private ReadmeSnippets() {}

  /**
   * Generates a project key pair into files.
   *
   * @throws IOException if a file cannot be written
   */
  public static void keygen() throws IOException {
    // README:keygen
    Crypt4ghPrivateKey key = Crypt4ghPrivateKey.generate();
    char[] passphrase = System.console().readPassword("Passphrase for project.sec: ");
    KeyFiles.writePrivateKey(Path.of("project.sec"), key, Kdf.SCRYPT, passphrase, "project_2000111", new SecureRandom(), false);
    KeyFiles.writePublicKey(Path.of("project.pub"), key.publicKey(), false);
    Arrays.fill(passphrase, '\0');
    // END
  }

  /**
   * Encrypts a file for the project and CSC.
   *
   * @throws IOException if a file cannot be read or written
   */
  public static void encryptFile() throws IOException {
    // README:encrypt-file
    Crypt4ghEncryptor encryptor = Crypt4ghEncryptor.builder()
        .recipient(KeyFiles.readPublicKey(Path.of("project.pub")))
        .recipient(Crypt4ghEncryptor.CSC_SENSITIVE_DATA_PUBLIC_KEY)
        .build();
    try (InputStream in = Files.newInputStream(Path.of("sample.bam"));
         OutputStream out = encryptor.newEncryptingStream(Files.newOutputStream(Path.of("sample.bam.c4gh")))) {
      in.transferTo(out);
    }
    // END
  }

  /**
   * Reads 1 KiB of an encrypted file at an offset.
   *
   * @throws IOException if the file cannot be read
   */
  public static void decryptRange() throws IOException {
    // README:decrypt-range
    Crypt4ghPrivateKey key = KeyFiles.readPrivateKey(Path.of("project.sec"),
        () -> System.getenv("C4GH_PASSPHRASE").toCharArray());
    Crypt4ghDecryptor decryptor = Crypt4ghDecryptor.builder().privateKey(key).build();
    try (SeekableByteChannel plain = decryptor.newSeekableDecryptingChannel(Files.newByteChannel(Path.of("sample.bam.c4gh")))) {
      ByteBuffer buf = ByteBuffer.allocate(1024);
      plain.position(5_000_000_000L).read(buf);
    }
    // END
  }

  /**
   * Re-encrypts a file's header for a new recipient.
   *
   * @param src the encrypted file
   * @param dst the new file
   * @param key a key that opens {@code src}
   * @param newMemberPublicKey the new recipient
   * @throws IOException if a file cannot be read or written
   */
  public static void reencryptFile(Path src, Path dst, Crypt4ghPrivateKey key, Crypt4ghPublicKey newMemberPublicKey) throws IOException {
    // README:reencrypt-file
    try (FileChannel in = FileChannel.open(src); FileChannel out = FileChannel.open(dst, CREATE_NEW, WRITE)) {
      HeaderOperations.reencrypt(in, out, key, List.of(newMemberPublicKey), ReencryptOptions.defaults());
    }
    // END
  }

  /**
   * Encrypts a file into an object.
   *
   * @throws IOException if the file cannot be read or the upload fails
   */
  public static void uploadEncrypted() throws IOException {
    // README:upload-encrypted
    try (AllasClient allas = AllasClient.create()) {  // endpoint and keys as allas-conf wrote them
      AllasCrypt4gh bridge = AllasCrypt4gh.create(allas);
      Crypt4ghEncryptor encryptor = Crypt4ghEncryptor.builder()
          .recipient(KeyFiles.readPublicKey(Path.of("project.pub")))
          .recipient(Crypt4ghEncryptor.CSC_SENSITIVE_DATA_PUBLIC_KEY)
          .build();
      UploadResult r = bridge.upload("my-bucket", "sample.bam.c4gh", encryptor, Path.of("sample.bam"), UploadOptions.defaults());
      System.out.println(r.objectBytes() + " bytes in " + r.parts() + " parts");
    }
    // END
  }

  /**
   * Downloads and decrypts an object, whole and at an offset.
   *
   * @param bridge the bridge
   * @param key the project key
   * @throws IOException if the download fails
   */
  public static void downloadDecrypted(AllasCrypt4gh bridge, Crypt4ghPrivateKey key) throws IOException {
    // README:download-decrypted
    Crypt4ghDecryptor decryptor = Crypt4ghDecryptor.builder().privateKey(key).build();
    try (InputStream in = bridge.newDecryptingStream("my-bucket", "sample.bam.c4gh", decryptor)) {
      Files.copy(in, Path.of("sample.bam"));
    }
    try (SeekableByteChannel ch = bridge.newSeekableDecryptingChannel("my-bucket", "sample.bam.c4gh", decryptor)) {
      ByteBuffer buf = ByteBuffer.allocate(1024);
      ch.position(3_000_000_000L).read(buf);  // one ranged GET of at most two segments
    }
    // END
  }

  /**
   * Shares a bucket with a producer and revokes it.
   *
   * @param allas the owner's client
   * @throws IOException if the public key file cannot be read
   */
  public static void shareAndRevoke(AllasClient allas) throws IOException {
    // README:share-and-revoke
    String producer = "c4c4000000000000000000000200022b";  // the producer's Share ID (32 hex), not its name
    allas.makeSharedBucket("my-inbox-2026", producer, Files.readAllBytes(Path.of("project.pub")));
    // ... the producer uploads into my-inbox-2026 (on a tenanted Ceph RGW: <owner-id>:my-inbox-2026) ...
    allas.revoke("my-inbox-2026", producer);  // its statements removed, an explicit Deny added
    System.out.println(allas.shares("my-inbox-2026") + ", locked out: " + allas.lockedOutProjects("my-inbox-2026"));
    // END
  }

  /**
   * Re-keys an object on the server.
   *
   * @param bridge the bridge
   * @param key a key that opens the object
   * @throws IOException if a request fails
   */
  public static void rekey(AllasCrypt4gh bridge, Crypt4ghPrivateKey key) throws IOException {
    // README:rekey
    Crypt4ghPublicKey newMember = KeyFiles.readPublicKey(Path.of("member.pub"));
    RekeyResult r = bridge.rekey("my-bucket", "sample.bam.c4gh", key, List.of(key.publicKey(), newMember), RekeyOptions.defaults());
    System.out.println(r.bytesCopiedOnServer() + " bytes copied on the server, " + r.bytesUploaded() + " sent");
    // END
  }

  /**
   * Queries one region of an encrypted BAM in a bucket.
   *
   * @param bridge the bridge
   * @param key the project key
   * @throws IOException if a request fails
   */
  public static void readBamRegion(AllasCrypt4gh bridge, Crypt4ghPrivateKey key) throws IOException {
    // README:read-bam-region
    Crypt4ghDecryptor decryptor = Crypt4ghDecryptor.builder().privateKey(key).build();
    SeekableByteChannel bam = bridge.newSeekableDecryptingChannel("my-bucket", "sample.bam.c4gh", decryptor);
    SeekableByteChannel bai = bridge.newSeekableDecryptingChannel("my-bucket", "sample.bai.c4gh", decryptor);
    try (SamReader reader = SamReaderFactory.makeDefault().open(Crypt4ghHtsjdk.of(key).samInputResource(bam, "sample.bam", bai));
         SAMRecordIterator it = reader.query("chr1", 100_000, 101_000, false)) {
      it.forEachRemaining(rec -> System.out.println(rec.getSAMString().strip()));
    }
    // END
  }
}
