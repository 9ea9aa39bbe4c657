/**
 * Crypt4GH for htsjdk: a channel wrapper, a {@code SeekableStream} and readers for region queries
 * on Crypt4GH-encrypted BAM, CRAM and bgzipped VCF; see {@link io.github.c4gh.htsjdk.Crypt4ghHtsjdk}.
 *
 * <p>htsjdk is a Maven {@code provided} dependency: bring your own htsjdk 4.x. It has no module
 * descriptor and no {@code Automatic-Module-Name}, so on the module path it is the automatic module
 * named after its jar file, {@code htsjdk}. It is required (not {@code requires static}): every
 * method here takes or returns htsjdk types, and with {@code static} a module that forgot to require
 * htsjdk itself would compile and then fail at run time with {@code NoClassDefFoundError}.
 */
module io.github.c4gh.htsjdk {
  requires transitive io.github.c4gh.crypt4gh;
  requires transitive htsjdk;

  exports io.github.c4gh.htsjdk;
}
