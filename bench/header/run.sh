#!/usr/bin/env bash
# bench/header/run.sh [COUNT=200] [ROWS=2500] [COLS=2048] [ROUNDS=2]   (SKIP_COMPARE=1: throughput only)
# 1. Header-only throughput: `radanon anonymize --profile basic` (one process, --jobs 1 and 2) vs `gdcmanon -e` (PS3.15
#    E.1 basic profile, one process over the folder) on COUNT synthetic uncompressed CR/DX files (ROWSxCOLS 16-bit) plus
#    every corpus file gdcmanon de-identifies on its own (it stops a folder run at the first file it refuses). Best of
#    ROUNDS per tool: files/s, MB/s of input, and the ratio ours/gdcmanon.
# 2. Comparison: every corpus DICOM through both (gdcmanon one file per process, so a refusal costs only that file);
#    compare.py counts the Table E.1-1 X/Z/D/U elements each leaves with the original value, and private tags left.
# Inputs and outputs live in a temporary folder (removed at exit); the corpus is never copied into the repository.
set -euo pipefail
count=${1:-200}
rows=${2:-2500}
cols=${3:-2048}
rounds=${4:-2}
root=$(cd "$(dirname "$0")/../.." && pwd)
corpus=$(cd "$root/../shared/corpus" && pwd)
table="$root/../shared/standard/confidentiality_profile_attributes.json"
work=$(mktemp -d /tmp/radanon-headerbench-XXXXXX)
trap 'rm -rf "$work"' EXIT
command -v gdcmanon >/dev/null || { echo "gdcmanon missing: apt-get install -y libgdcm-tools" >&2; exit 2; }
# As ./radanon runs it: published ReadyToRun (precompiled, framework-dependent).
dotnet publish "$root/src/RadAnon.Cli" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/cli" -v q -nologo >/dev/null
radanon=(dotnet "$work/cli/radanon.dll")
echo "header bench key 0123456789abcdef" > "$work/key"
openssl req -x509 -newkey rsa:2048 -keyout "$work/gdcm-key.pem" -out "$work/gdcm-cert.pem" -days 1 -nodes -subj "/CN=radanon-bench" 2>/dev/null

# --- comparison over the corpus (SKIP_COMPARE=1: only pick the corpus files gdcmanon accepts, for the throughput part) --
[ -n "${SKIP_COMPARE:-}" ] || "${radanon[@]}" anonymize "$corpus" -o "$work/cmp-ours" --profile basic --key "$work/key" --jobs 2 2>/dev/null >/dev/null || true
: > "$work/pairs.tsv"
mkdir -p "$work/in/corpus"
tail -n +2 "$corpus/INDEX.tsv" | cut -f1 | while read -r rel; do
  case "$rel" in *.png|*.jpg|*.jpeg|*.json) continue ;; esac
  src="$corpus/$rel"
  ours="$work/cmp-ours/corpus/${rel%.dcm}.dcm"
  theirs="$work/cmp-gdcm/$rel"
  mkdir -p "$(dirname "$theirs")"
  if gdcmanon -e -c "$work/gdcm-cert.pem" -i "$src" -o "$theirs" >/dev/null 2>&1; then
    mkdir -p "$(dirname "$work/in/corpus/$rel")"
    cp "$src" "$work/in/corpus/$rel"
  else
    rm -f "$theirs"; theirs=""
  fi
  [ -f "$ours" ] || ours=""
  printf '%s\t%s\t%s\n' "$src" "$ours" "$theirs" >> "$work/pairs.tsv"
done
if [ -z "${SKIP_COMPARE:-}" ]; then
  echo "## comparison (corpus, basic profile)"
  /usr/bin/python3 -W ignore "$root/bench/header/compare.py" "$table" "$work/pairs.tsv" 2>"$work/per-file.tsv"
  echo
fi

# --- throughput ----------------------------------------------------------------------------------------------------
/usr/bin/python3 -W ignore "$root/bench/header/make_synthetic.py" "$work/in/synthetic" "$count" "$rows" "$cols"
files=$(find "$work/in" -type f | wc -l)
bytes=$(du -sb "$work/in" | cut -f1)
find "$work/in" -type f -exec cat {} + >/dev/null   # warm the page cache once for both tools
echo "## throughput: $files files, $((bytes / 1048576)) MiB ($count synthetic ${cols}x${rows} 16-bit + $((files - count)) corpus); cores $(nproc), load $(cut -d' ' -f1-3 /proc/loadavg)"
time_run() { # command...: prints "wall user sys" seconds (/usr/bin/time; user+sys is the CPU the process used on all cores)
  /usr/bin/time -f "%e %U %S" -o "$work/last.time" "$@" >/dev/null 2>"$work/last.err" || true
  tail -1 "$work/last.time"   # (time puts "Command exited with non-zero status" first when some input was refused)
}
declare -A runs
for round in $(seq "$rounds"); do
  for tool in gdcmanon radanon-j1 radanon-j2; do
    rm -rf "$work/out-$tool"
    case $tool in
      gdcmanon) t=$(time_run gdcmanon -e -c "$work/gdcm-cert.pem" -r -i "$work/in" -o "$work/out-$tool") ;;
      radanon-j1) t=$(time_run "${radanon[@]}" anonymize "$work/in" -o "$work/out-$tool" --profile basic --key "$work/key" --jobs 1) ;;
      radanon-j2) t=$(time_run "${radanon[@]}" anonymize "$work/in" -o "$work/out-$tool" --profile basic --key "$work/key" --jobs 2) ;;
    esac
    written=$(find "$work/out-$tool" -name '*.dcm' -type f | wc -l)
    echo "round $round $tool: wall/user/sys $t s, $written outputs, load $(cut -d' ' -f1 /proc/loadavg)" >&2
    runs[$tool]="${runs[$tool]:-}$t"$'\n'
  done
done
echo "| tool | best of $rounds: wall s | CPU s (user+sys) | files/s | MB/s |"
echo "|---|---|---|---|---|"
for tool in gdcmanon radanon-j1 radanon-j2; do
  read -r s user sys < <(printf '%s' "${runs[$tool]}" | grep . | sort -n | head -1)
  printf '| %s | %.2f | %.2f | %.1f | %.1f |\n' "$tool" "$s" "$(echo "$user + $sys" | bc -l)" "$(echo "$files / $s" | bc -l)" "$(echo "$bytes / 1000000 / $s" | bc -l)"
  eval "best_${tool//-/_}=$s"
done
printf 'ratio ours/gdcmanon (throughput): jobs 1 %.2f, jobs 2 %.2f\n' "$(echo "$best_gdcmanon / $best_radanon_j1" | bc -l)" "$(echo "$best_gdcmanon / $best_radanon_j2" | bc -l)"
echo "stage breakdown, radanon --jobs 1 --timings (stage names and durations only):"
rm -rf "$work/out-timings"
{ "${radanon[@]}" anonymize "$work/in" -o "$work/out-timings" --profile basic --key "$work/key" --jobs 1 --timings 2>&1 >/dev/null || true; } | sed -n '/^timings/,$p'
