#!/usr/bin/env bash
# Stop the single-node Ceph RGW started by ceph-rgw-start.sh: radosgw, then the OSD, then the mon
# (radosgw hangs for a long time if the OSD goes first). Only the PIDs recorded in the data
# directory's pid files are signalled, never processes found by name. Idempotent.
#
#   CEPH_RGW_DIR=... scripts/ceph-rgw-stop.sh [--purge]
#
# --purge also deletes the data directory (config, mon/OSD state, the sparse block file, logs,
# env file); it refuses to delete a directory that ceph-rgw-start.sh did not create.
set -euo pipefail

DATA_DIR="${CEPH_RGW_DIR:-/tmp/c4gh-ceph-rgw}"
DATA_DIR="${DATA_DIR%/}"
STOP_WAIT="${CEPH_RGW_STOP_WAIT:-20}"
MARKER=".c4gh-ceph-rgw"
PURGE=0

log() { printf '[ceph-rgw-stop] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

for arg in "$@"; do
  case "$arg" in
    --purge) PURGE=1 ;;
    -h | --help)
      sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *) die "unknown argument: $arg (usage: ceph-rgw-stop.sh [--purge])" ;;
  esac
done
case "$DATA_DIR" in /?*) ;; *) die "CEPH_RGW_DIR must be an absolute path other than /" ;; esac
[[ "$STOP_WAIT" =~ ^[0-9]+$ ]] || die "CEPH_RGW_STOP_WAIT must be a number"

RUN_DIR="$DATA_DIR/run"

# One start/stop at a time per data directory (ceph-rgw-start.sh holds the lock when it calls us).
if [[ ! -d "$(dirname "$DATA_DIR")" ]]; then
  log "nothing to stop ($DATA_DIR does not exist)"
  exit 0
fi
if [[ "${C4GH_CEPH_RGW_LOCK_HELD:-}" != "$DATA_DIR" ]]; then
  exec 9>"$DATA_DIR.lock"
  flock -w 300 9 || die "another start/stop holds $DATA_DIR.lock"
fi

# running PID: true while PID exists and is not a zombie (a zombie still answers kill -0).
running() {
  local state
  kill -0 "$1" 2>/dev/null || return 1
  state=$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null || true)
  [[ -n "$state" && "$state" != "Z" && "$state" != "X" ]]
}

# stop_daemon PIDFILE BINARY LABEL
stop_daemon() {
  local file="$1" bin="$2" label="$3" pid exe i t0
  [[ -s "$file" ]] || return 0
  pid=$(tr -dc '0-9' <"$file")
  if [[ -z "$pid" ]] || ! running "$pid"; then
    rm -f "$file"
    return 0
  fi
  exe=$(readlink "/proc/$pid/exe" 2>/dev/null || true)
  if [[ "${exe##*/}" != "$bin" ]]; then
    log "$label: pid $pid is not $bin (${exe:-unknown}); stale pid file removed, nothing signalled"
    rm -f "$file"
    return 0
  fi
  log "stopping $label (pid $pid)"
  t0=$(date +%s.%N)
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < STOP_WAIT * 20; i++)); do
    running "$pid" || break
    sleep 0.05
  done
  if running "$pid"; then
    log "$label (pid $pid) still alive after ${STOP_WAIT}s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 200; i++)); do
      running "$pid" || break
      sleep 0.05
    done
    running "$pid" && die "$label (pid $pid) survived SIGKILL"
  fi
  rm -f "$file"
  log "$label stopped ($(awk -v s="$t0" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }') s)"
}

if [[ -d "$RUN_DIR" ]]; then
  stop_daemon "$RUN_DIR/client.rgw.pid" radosgw radosgw
  stop_daemon "$RUN_DIR/osd.0.pid" ceph-osd osd.0
  stop_daemon "$RUN_DIR/mon.a.pid" ceph-mon mon.a
fi

if [[ $PURGE -eq 1 && -e "$DATA_DIR" ]]; then
  if [[ -f "$DATA_DIR/$MARKER" ]]; then
    rm -rf -- "$DATA_DIR"
    log "purged $DATA_DIR"
  elif [[ -d "$DATA_DIR" && -z "$(ls -A "$DATA_DIR")" ]]; then
    rmdir -- "$DATA_DIR"
  else
    die "$DATA_DIR was not made by ceph-rgw-start.sh (no $MARKER); not deleting it"
  fi
fi
log "stopped ($DATA_DIR)"
