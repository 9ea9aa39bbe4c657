#!/usr/bin/env bash
# Runs the whole test suite: unit tests of every module (the core's also on JDK 25 when
# /usr/lib/jvm/temurin-25-jdk-amd64 exists) and, unless C4GH_SKIP_CEPH=1, the integration tests
# against a single-node Ceph RGW that scripts/ceph-rgw-start.sh installs and starts on loopback
# (among them examples' SeedWorkflowRgwIT: the seed workflow, where every step must pass).
# Ceph is stopped again on exit. Extra arguments go to Maven.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"

started_ceph=0
cleanup() {
  if [ "$started_ceph" = 1 ]; then
    bash "$root/scripts/ceph-rgw-stop.sh" || true
  fi
}
trap cleanup EXIT

# Ceph is needed by the modules whose integration tests (Maven profile ceph-it) read its environment.
needs_ceph=0
if grep -qs 'env.C4GH_IT_ENDPOINT' -- */pom.xml; then
  needs_ceph=1
fi

if [ "${C4GH_SKIP_CEPH:-0}" != 1 ] && [ "$needs_ceph" = 1 ]; then
  export CEPH_RGW_DIR="${CEPH_RGW_DIR:-/tmp/c4gh-ceph-rgw}"
  started_ceph=1
  bash "$root/scripts/ceph-rgw-start.sh"
  # shellcheck disable=SC1091
  source "$CEPH_RGW_DIR/rgw.env"
fi

mvn -B -ntp verify "$@"
