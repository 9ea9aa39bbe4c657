/**
 * Region queries on Crypt4GH-encrypted BAM, CRAM and bgzipped VCF with htsjdk. The whole API is
 * {@link io.github.c4gh.htsjdk.Crypt4ghHtsjdk}.
 *
 * <p>A Picard or GATK style program switches decryption on with htsjdk's channel wrappers, for a
 * {@link java.nio.file.Path} on a non-default (cloud, S3, in-memory) file system:
 *
 * <pre>{@code
 * Crypt4ghPrivateKey key = KeyFiles.readPrivateKey(Path.of("project.sec"), () -> System.console().readPassword("Passphrase: "));
 * SamReader reader = SamReaderFactory.makeDefault()
 *     .open(path, Crypt4ghHtsjdk.channelWrapper(key), Crypt4ghHtsjdk.channelWrapper(key));
 * }</pre>
 *
 * <p>and, for local files (where htsjdk 4.3 does not apply wrappers), with one more call:
 *
 * <pre>{@code
 * SamReader reader = SamReaderFactory.makeDefault()
 *     .open(Crypt4ghHtsjdk.of(key).samInputResource(Path.of("x.bam.c4gh")));
 * FeatureReader<VariantContext> vcf = Crypt4ghHtsjdk.of(key).openVcf(Path.of("x.vcf.gz.c4gh"));
 * }</pre>
 *
 * <p>and, for an object in Allas or another S3 store, over the {@code allas-crypt4gh-bridge}
 * artifact's decrypting channel (one or two ranged GETs per region query):
 *
 * <pre>{@code
 * SamReader reader = SamReaderFactory.makeDefault().open(Crypt4ghHtsjdk.of(key).samInputResource(
 *     allas.newSeekableDecryptingChannel("bucket", "x.bam.c4gh", decryptor), "s3://bucket/x.bam.c4gh",
 *     allas.newSeekableDecryptingChannel("bucket", "x.bam.bai.c4gh", decryptor)));
 * }</pre>
 */
package io.github.c4gh.htsjdk;
