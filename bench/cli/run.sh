#!/usr/bin/env bash
# bench/cli/run.sh [COUNT=50] [JOBS="1 2"]: images/s and peak RSS of `radanon anonymize` over COUNT synthetic
# 1024x1280 8-bit PNG radiographs with burned-in text (testdata/RadAnon.SyntheticData generate), one process per
# --jobs value, each into a fresh output folder with a fixed key and --force (throughput, not verification, is measured).
set -euo pipefail
count=${1:-50}
jobs_list=${2:-"1 2"}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/radanon-clibench-XXXXXX)
trap 'rm -rf "$work"' EXIT
dotnet build "$root/src/RadAnon.Cli" -c Release -v q -nologo >/dev/null
dotnet build "$root/testdata/RadAnon.SyntheticData" -c Release -v q -nologo >/dev/null
dotnet "$root/testdata/RadAnon.SyntheticData/bin/Release/net10.0/RadAnon.SyntheticData.dll" generate "$work/in" "$count" 1 8 >/dev/null
mv "$work/in/truth.json" "$work/"
echo "cli bench key 0123456789abcdef" > "$work/key"
echo "cores: $(nproc), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for jobs in $jobs_list; do
  /usr/bin/time -v dotnet "$root/src/RadAnon.Cli/bin/Release/net10.0/radanon.dll" anonymize "$work/in" -o "$work/out$jobs" \
    --key "$work/key" --jobs "$jobs" --force 2>"$work/err$jobs" || true
  rss=$(awk -F': ' '/Maximum resident/ {printf "%.0f", $2/1024}' "$work/err$jobs")
  cpu=$(awk -F': ' '/Percent of CPU/ {print $2}' "$work/err$jobs")
  echo "jobs $jobs: $(grep ' files: ' "$work/err$jobs") | peak RSS ${rss} MiB | CPU ${cpu}"
done
