#!/usr/bin/env bash
# Load test of the one-machine scale-out (issue 6): deploy/local-cluster.sh with 1 and then 2 API replicas behind nginx
# and one PostgreSQL ledger, driven by bench/RadAnon.Load (closed loop, DICOM and PNG requests mixed, exact
# percentiles); and `./radanon anonymize` serially over the same images for the API-vs-CLI cost per image.
# Loopback only; every run is bounded in time and in requests. Not a test (not in CI): prints a Markdown table.
#   bench/load/run.sh [--images N] [--size WxH] [--seconds S] [--concurrency C] [--max-requests N]
# Defaults: 16 images (8 PNG 8-bit, 8 DICOM 12-bit) of 1024x1280, 30 s or 400 requests per run, 4 concurrent clients.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
images=16 size=1024x1280 seconds=30 concurrency=4 max_requests=400
while (( $# > 0 )); do
  case "$1" in
    --images) images="$2"; shift 2 ;;
    --size) size="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --concurrency) concurrency="$2"; shift 2 ;;
    --max-requests) max_requests="$2"; shift 2 ;;
    *) sed -n '2,8p' "${BASH_SOURCE[0]}" >&2; exit 2 ;;
  esac
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
work="$root/.radanon/load"
rm -rf "$work"
mkdir -p "$work"
cleanup() {
  for state in "$work"/cluster-*; do
    [[ ! -d "$state" ]] || deploy/local-cluster.sh stop --state "$state" >/dev/null 2>&1 || true
  done
}
trap cleanup EXIT

echo "== building the image generator and the load client" >&2
dotnet build testdata/RadAnon.SyntheticData -c Release -o .radanon/synthetic --nologo -v quiet -clp:ErrorsOnly >&2
dotnet build bench/RadAnon.Load -c Release -o .radanon/load-client --nologo -v quiet -clp:ErrorsOnly >&2
dotnet .radanon/synthetic/RadAnon.SyntheticData.dll load-set "$work/generated" "$images" 2000 "${size%x*}" "${size#*x}" >&2

# CLI, serially. Pass 1 warms the disk cache and learns which images the pipeline refuses (residual text after
# redaction, 422 in the API); only the accepted ones form the set both the CLI and the API are timed on.
echo "== CLI pass 1 (warm-up, filter)" >&2
./radanon anonymize "$work/generated" -o "$work/cli-1" 2>"$work/cli-1.log" || true
mkdir -p "$work/set"
python3 - "$work" <<'EOF'
import json, os, shutil, sys
work = sys.argv[1]
refused = {f["input"] for f in json.load(open(os.path.join(work, "cli-1", "failures.json")))}
for name in sorted(os.listdir(os.path.join(work, "generated"))):
    if name not in refused:
        shutil.copy(os.path.join(work, "generated", name), os.path.join(work, "set", name))
print(f"refused by the pipeline: {len(refused)} ({', '.join(sorted(refused)) or 'none'})", file=sys.stderr)
EOF
set_count=$(ls "$work/set" | wc -l)
echo "== CLI pass 2 (timed, $set_count images)" >&2
./radanon anonymize --help >/dev/null 2>&1 || true   # the CLI is built (when stale) before the timed run
dll="$root/.radanon/build/cli-r2r/radanon.dll"
start=$(date +%s.%N)
# The built CLI directly (not through ./radanon's staleness check), with its peak RSS from /proc at exit.
dotnet "$dll" anonymize "$work/set" -o "$work/cli-2" 2>"$work/cli-2.log" &
cli_pid=$!
cli_peak_kib=0
while kill -0 "$cli_pid" 2>/dev/null; do
  hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$cli_pid/status" 2>/dev/null || true)
  [[ -z "$hwm" ]] || cli_peak_kib=$hwm
  sleep 0.2
done
wait "$cli_pid"
end=$(date +%s.%N)
cli_loop_s=$(sed -nE 's/^anonymized ([0-9]+), failed ([0-9]+) in ([0-9.]+) s.*/\3/p' "$work/cli-2.log")
cli_process_s=$(echo "$end - $start" | bc)

load() { # $1 URL, $2 json, then client options
  local url="$1" json="$2"
  shift 2
  dotnet .radanon/load-client/RadAnon.Load.dll "$url" "$work/set" --json "$json" "$@" >&2
}

run_cluster() { # $1 replicas
  local replicas="$1" state="$work/cluster-$1"
  echo "== $replicas replica(s) behind nginx" >&2
  RadAnon__Security__RequestsPerMinute=0 deploy/local-cluster.sh start --state "$state" --replicas "$replicas" --port 0 >&2
  # shellcheck disable=SC1091
  source "$state/cluster.env"
  if (( replicas == 1 )); then
    echo "-- serial, one pass over the set (API vs CLI)" >&2
    load "$PROXY_URL" "$work/serial.json" --concurrency 1
  fi
  echo "-- $concurrency clients, ${seconds} s or $max_requests requests" >&2
  load "$PROXY_URL" "$work/load-$replicas.json" --concurrency "$concurrency" --seconds "$seconds" --max-requests "$max_requests"
  local rss=()
  for pid in $REPLICA_PIDS; do
    rss+=("$(awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")")
  done
  echo "${rss[*]}" > "$work/rss-$replicas"
  ./radanon ledger verify --postgres "$POSTGRES" --signing-key "$SIGNING_KEY" > "$work/verify-$replicas.log" 2>&1 || true
  cat "$work/verify-$replicas.log" >&2
  deploy/local-cluster.sh stop --state "$state" >&2
}
run_cluster 1
run_cluster 2

python3 - "$work" "$set_count" "$cli_loop_s" "$cli_process_s" "$cli_peak_kib" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'EOF'
import json, os, re, sys
work, count, cli_loop, cli_process, cli_peak_kib, cores, loadavg = sys.argv[1:]
count, cli_loop, cli_process = int(count), float(cli_loop), float(cli_process)
def j(name): return json.load(open(os.path.join(work, name)))
def ledger(replicas):
    text = open(os.path.join(work, f"verify-{replicas}.log")).read()
    m = re.search(r"valid: (\d+) entries", text)
    return (int(m.group(1)), "verified") if m else (None, "FAILED: " + text.strip().splitlines()[-1])
serial = j("serial.json")
print(f"machine: {cores} cores (shared), load average at the end {loadavg}; set: {count} images")
print()
print("| run | requests | ok | errors | req/s | images/s | p50 ms | p95 ms | p99 ms | peak RSS MiB per replica | ledger entries / 200s | chain |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|")
for replicas in (1, 2):
    runs = [j(f"load-{replicas}.json")] + ([serial] if replicas == 1 else [])
    oks = sum(r["ok"] + (1 if r["warmup_status"] == 200 else 0) for r in runs)
    entries, chain = ledger(replicas)
    rss = open(os.path.join(work, f"rss-{replicas}")).read().split()
    rows = ([(serial, "1 replica, 1 client (one pass)")] if replicas == 1 else []) + [(runs[0], f"{replicas} replica{'s' if replicas > 1 else ''}, {runs[0]['concurrency']} clients")]
    for r, label in rows:
        print(f"| {label} | {r['requests']} | {r['ok']} | {r['errors']} | {r['requests_per_second']} | {r['images_per_second']} | {r['p50_ms']:.0f} | {r['p95_ms']:.0f} | {r['p99_ms']:.0f} | {' / '.join(rss)} | {entries} / {oks} (incl. warm-ups) | {chain} |")
one, two = j("load-1.json"), j("load-2.json")
print()
print(f"2 vs 1 replica throughput: {two['images_per_second'] / one['images_per_second']:.2f}x")
cli_per_image = cli_loop / count * 1000
print(f"CLI serial: {count} images in {cli_loop:.1f} s in the loop ({cli_per_image:.0f} ms/image), {cli_process:.1f} s whole process; peak RSS {int(cli_peak_kib) / 1024:.0f} MiB")
print(f"API serial through nginx: mean {serial['mean_ms']:.0f} ms/image (p50 {serial['p50_ms']:.0f}); API/CLI per image = {serial['mean_ms'] / cli_per_image:.2f}")
EOF
