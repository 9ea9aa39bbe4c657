/**
 * Runnable examples of the SDK (not published). {@link io.github.c4gh.examples.SeedWorkflow} runs
 * the whole seed workflow ({@code scripts/demo.sh}); the other classes are one small task each:
 * {@link io.github.c4gh.examples.EncryptFile}, {@link io.github.c4gh.examples.DecryptRange},
 * {@link io.github.c4gh.examples.UploadEncrypted}, {@link io.github.c4gh.examples.DownloadDecrypted},
 * {@link io.github.c4gh.examples.ShareAndRevoke}, {@link io.github.c4gh.examples.RekeyObject} and
 * {@link io.github.c4gh.examples.ReadBamRegion}. Each runs on an embedded S3Proxy by default, or
 * against Ceph RGW or Allas as {@link io.github.c4gh.examples.ExampleServer} describes.
 *
 * <pre>{@code
 * java -cp "examples/target/classes:$(cat examples/target/classpath.txt)" io.github.c4gh.examples.SeedWorkflow
 * }</pre>
 */
package io.github.c4gh.examples;
