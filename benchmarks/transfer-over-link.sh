#!/usr/bin/env bash
# The transfer benchmarks against an S3 server that does not share the client's JVM or network
# stack: S3Proxy in a process of its own, in a network namespace, reached over a virtual link
# (a veth pair) whose rate is limited with tc's token bucket filter on both ends. This is a
# network-bound upload, as to Allas from a machine whose link is slower than what its cores
# encrypt; on plain loopback (the default of TransferBenchmark) the upload is CPU-bound instead.
#
#   benchmarks/transfer-over-link.sh [--rate 1gbit] [--java PATH] [--server-java PATH] [--] [JMH args]
#
# The JMH arguments default to: TransferBenchmark.paired -f 1 -wi 2 -i 5 -w 6s -r 10s
# Needs root (ip netns, tc) and benchmarks/target/benchmarks.jar (see benchmarks/README.md).
# Everything it creates (namespace, link, server process) is removed on exit.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/benchmarks.jar"
rate="1gbit"
java_bin="java"
server_java=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rate) rate="$2"; shift 2 ;;
    --java) java_bin="$2"; shift 2 ;;
    --server-java) server_java="$2"; shift 2 ;;
    --) shift; break ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) break ;;
  esac
done
server_java="${server_java:-$java_bin}"
if [[ $# -eq 0 ]]; then
  set -- TransferBenchmark.paired -f 1 -wi 2 -i 5 -w 6s -r 10s
fi

if [[ $EUID -ne 0 ]]; then
  echo "transfer-over-link.sh: needs root for ip netns and tc" >&2
  exit 2
fi
for tool in ip tc; do
  command -v "$tool" >/dev/null || { echo "transfer-over-link.sh: $tool not found (Debian package iproute2)" >&2; exit 2; }
done
[[ -f "$jar" ]] || { echo "transfer-over-link.sh: $jar not built" >&2; exit 2; }

ns="c4gh-bench-$$"
host_if="c4gh$$h"
peer_if="c4gh$$p"
host_ip="10.203.77.1"
peer_ip="10.203.77.2"
port=8089
server_pid=""
fifo="$(mktemp -u /tmp/c4gh-s3proxy-stdin.XXXXXX)"
log="$(mktemp /tmp/c4gh-s3proxy-log.XXXXXX)"

cleanup() {
  exec 9>&- 2>/dev/null || true # ends the server's standard input
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  ip link del "$host_if" 2>/dev/null || true
  ip netns del "$ns" 2>/dev/null || true
  rm -f "$fifo" "$log"
}
trap cleanup EXIT

ip netns add "$ns"
ip link add "$host_if" type veth peer name "$peer_if"
ip link set "$peer_if" netns "$ns"
ip addr add "$host_ip/30" dev "$host_if"
ip link set "$host_if" up
ip netns exec "$ns" ip addr add "$peer_ip/30" dev "$peer_if"
ip netns exec "$ns" ip link set "$peer_if" up
ip netns exec "$ns" ip link set lo up
# the same rate both ways: uploads leave through the host end, responses through the peer end
tc qdisc add dev "$host_if" root tbf rate "$rate" burst 1mb latency 100ms
ip netns exec "$ns" tc qdisc add dev "$peer_if" root tbf rate "$rate" burst 1mb latency 100ms

export C4GH_IT_ENDPOINT="http://$peer_ip:$port"
export C4GH_IT_OWNER_ACCESS_KEY="AKIA$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n' | tr a-f A-F)"
export C4GH_IT_OWNER_SECRET_KEY="$(head -c 30 /dev/urandom | base64 | tr -d '/+=\n')"

mkfifo "$fifo"
ip netns exec "$ns" "$server_java" -Xmx2g -cp "$jar" io.github.c4gh.benchmarks.S3ProxyServer "$peer_ip" "$port" <"$fifo" >"$log" 2>&1 &
server_pid=$!
exec 9>"$fifo"
for _ in $(seq 1 300); do
  grep -q "S3Proxy serving" "$log" && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$log" >&2; echo "transfer-over-link.sh: S3Proxy did not start" >&2; exit 1; }
  sleep 0.1
done
grep -q "S3Proxy serving" "$log" || { cat "$log" >&2; echo "transfer-over-link.sh: S3Proxy did not start in 30 s" >&2; exit 1; }

echo "# link: veth $host_if <-> $peer_if (namespace $ns), tbf rate $rate each way; server: $(head -1 "$log")"
echo "# client: $("$java_bin" -version 2>&1 | head -1); server: $("$server_java" -version 2>&1 | head -1)"
"$java_bin" -jar "$jar" "$@"
