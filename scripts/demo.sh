#!/usr/bin/env bash
# The main job, runnable on a fresh machine (JDK 17+, Maven 3.8+): builds the library and its
# examples, then runs the seed workflow (io.github.c4gh.examples.SeedWorkflow) with the library's
# public API, checking every step: the project key pair, stored encrypted for custodians and public;
# a bucket shared with the data producer; large files encrypted for the project and CSC and streamed
# in; the producer's access revoked; a member downloading and decrypting, and reading a slice.
#
# By default it runs on an embedded S3 server (S3Proxy), where the sharing steps are reported
# SKIPPED (one identity, no bucket policies). Against Ceph RGW or Allas give an endpoint and the two
# projects' credentials, e.g. `source /tmp/c4gh-ceph-rgw/rgw.env && scripts/demo.sh` (see
# ExampleServer for the flags). Arguments go to SeedWorkflow (e.g. --size-mib 256, --embedded).
# The command-line walkthrough with bin/c4gh is scripts/demo-cli.sh.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"

# One Maven run: package, and write each module's runtime classpath to its target/classpath.txt
# (in a reactor build the library modules resolve to their freshly built jars).
echo "== building the library and the examples (a few minutes on the first run)" >&2
mvn -q -B -ntp -pl examples -am package dependency:build-classpath -DskipTests -Dmaven.javadoc.skip \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
cp_file="examples/target/classpath.txt"
echo "== running io.github.c4gh.examples.SeedWorkflow $*" >&2
exec java ${JAVA_OPTS:-} -cp "examples/target/classes:$(cat "$cp_file")" io.github.c4gh.examples.SeedWorkflow "$@"
