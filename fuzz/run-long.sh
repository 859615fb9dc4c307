#!/usr/bin/env bash
# The long fuzz campaign: each target, one after the other and niced, mutated in process until it reaches
# its execution count (or MAX_SECONDS), then a table of executions / findings / exec/s / duration.
#   fuzz/run-long.sh                 every target to its count (dicom 10^6, the others 10^5)
#   fuzz/run-long.sh jpeg j2k        only these
# Environment: CORPUS (../shared/corpus), MAX_SECONDS per target (1500), SEED (random seed, 1),
# COUNT_<target> to change a count (e.g. COUNT_dicom=200000), MAX_SEED_BYTES for the dicom and raster
# seed files (65536: small files keep the reader/charset/sequence paths fast, ~3x the rate of 256 KiB seeds;
# the codec targets take their frames from the larger compressed files).
# Findings go to fuzz/findings/; the script exits 1 when there is any, or when a target fell short of its count.
set -uo pipefail
cd "$(dirname "$0")/.."

corpus=${CORPUS:-../shared/corpus}
max_seconds=${MAX_SECONDS:-1500}
seed=${SEED:-1}
declare -A count=([dicom]=1000000 [rle]=100000 [jpeg]=100000 [jpegls]=100000 [j2k]=100000 [raster]=100000 [zip]=100000)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(dicom rle jpeg jpegls j2k raster zip)

dotnet build fuzz/RadAnon.Fuzz -c Release -nologo -v q >/dev/null || exit 2
dll=fuzz/RadAnon.Fuzz/bin/Release/net10.0/RadAnon.Fuzz.dll
log=$(mktemp -d)
export VIPS_WARNING=0 # libvips would print a warning for nearly every corrupt raster mutant
status=0
for t in "${targets[@]}"; do
  n_var="COUNT_$t"; n=${!n_var:-${count[$t]:?unknown target $t}}
  max_seed=${MAX_SEED_BYTES:-65536}
  echo "== $t: $n executions, at most $max_seconds s" >&2
  nice -n 10 dotnet "$dll" mutate "$t" "$corpus" "$n" "$max_seconds" "$seed" "$max_seed" 2>"$log/$t.err" | tee "$log/$t.txt" >&2
  result=$(grep '^RESULT' "$log/$t.txt" || true)
  if [ -z "$result" ]; then
    echo "RESULT	$t	0	?	?	0	0	0" > "$log/$t.result"; status=1; continue
  fi
  echo "$result" > "$log/$t.result"
  read -r _ _ execs crashes hangs _ _ _ <<< "$result"
  { [ "$crashes" -eq 0 ] && [ "$hangs" -eq 0 ] && [ "$execs" -ge "$n" ]; } || status=1
done

printf '\n| target | executions | goal | crashes | hangs | exec/s | seconds | seeds |\n|---|---:|---:|---:|---:|---:|---:|---:|\n'
for t in "${targets[@]}"; do
  n_var="COUNT_$t"; n=${!n_var:-${count[$t]}}
  IFS=$'\t' read -r _ name execs crashes hangs rate secs seeds < "$log/$t.result"
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$execs" "$n" "$crashes" "$hangs" "$rate" "$secs" "$seeds"
done
[ $status -eq 0 ] && rm -rf "$log" || echo "logs kept in $log" >&2
exit $status
