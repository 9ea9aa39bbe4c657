#!/usr/bin/env bash
# Runs the benchmark suite as the README's results were measured, on JDK 17 (the `java` on the
# PATH, or $JAVA17) and on JDK 25 when /usr/lib/jvm/temurin-25-jdk-amd64 exists (or $JAVA25), and
# prints the summary tables. Results go to benchmarks/target/results/. Build the jar first:
#   mvn -q -N install && mvn -q -pl crypt4gh-core install -DskipTests && mvn -q -pl benchmarks package -DskipTests
# Extra arguments replace the default selection and JMH options, e.g.
#   benchmarks/run-codec.sh 'Codec' -f 1 -wi 1 -i 2 -p sizeMiB=64 -p threads=1,2 -prof gc
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
jar="$here/target/benchmarks.jar"
out="$here/target/results"
mkdir -p "$out"
java17="${JAVA17:-java}"
java25="${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
if [ "$#" -eq 0 ]; then
  set -- '.*' -f 1 -wi 3 -i 5 -w 2s -r 3s -p sizeMiB=64,1024 -p threads=1,2,4 -prof gc
fi
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
for java in "$java17" "$java25"; do
  if ! command -v "$java" > /dev/null 2>&1; then
    continue
  fi
  feature="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  name="jdk$feature-$stamp"
  echo "== $java (JDK $feature) -> $out/$name.json" >&2
  "$java" -jar "$jar" "$@" -rf json -rff "$out/$name.json" > "$out/$name.txt" 2>&1
  python3 "$here/summarize.py" "$out/$name.json" || true
done
