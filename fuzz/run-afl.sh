#!/usr/bin/env bash
# Coverage-guided runs: AFL++ (Debian afl++) driving SharpFuzz-instrumented RadAnon.Dicom.dll (and
# RadAnon.Core.dll for raster), one target after another, niced, each to an execution count or a time box.
#   fuzz/run-afl.sh                       dicom to 10^6 executions, the others to 10^5, each at most MAX_SECONDS
#   fuzz/run-afl.sh dicom jpeg            only these
# Needs: apt-get install -y afl++; dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0
# Environment: CORPUS (../shared/corpus), MAX_SECONDS per target (900; MAX_SECONDS_<target> for one), OUT (/tmp/radanon-afl), COUNT_<target>.
# Prints a table from each run's fuzzer_stats; crashes and hangs stay in $OUT/<target>/default/{crashes,hangs}
# (replay them with `dotnet RadAnon.Fuzz.dll replay TARGET FILE...`).
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:$HOME/.dotnet/tools"
corpus=$(realpath "${CORPUS:-../shared/corpus}")
max_seconds=${MAX_SECONDS:-900}
out=${OUT:-/tmp/radanon-afl}
declare -A count=([dicom]=1000000 [rle]=100000 [jpeg]=100000 [jpegls]=100000 [j2k]=100000 [raster]=100000 [zip]=100000)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(dicom rle jpeg jpegls j2k raster zip)
command -v afl-fuzz >/dev/null && command -v sharpfuzz >/dev/null || { echo "needs afl-fuzz and sharpfuzz (see above)" >&2; exit 2; }

bin=$out/bin
rm -rf "$bin" && mkdir -p "$out"
dotnet publish fuzz/RadAnon.Fuzz -c Release -o "$bin" -nologo -v q >/dev/null || exit 2
# Seeds first: instrumented code only runs under afl-fuzz (it writes to AFL's shared memory).
for t in "${targets[@]}"; do
  seeds=$out/seeds-$t
  rm -rf "$seeds" && mkdir -p "$seeds"
  if [ "$t" = dicom ]; then
    # Small files: AFL mutates every byte of a seed deterministically first, so large seeds stall it.
    find "$corpus" -type f -size -16k \( -name '*.dcm' -o ! -name '*.*' \) -exec cp {} "$seeds/" \;
  else
    VIPS_WARNING=0 dotnet "$bin/RadAnon.Fuzz.dll" seeds "$t" "$corpus" "$seeds" >&2 || exit 2
  fi
done
sharpfuzz "$bin/RadAnon.Dicom.dll" && sharpfuzz "$bin/RadAnon.Core.dll" || exit 2

export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 VIPS_WARNING=0
status=0
for t in "${targets[@]}"; do
  n_var="COUNT_$t"; n=${!n_var:-${count[$t]:?unknown target $t}}
  s_var="MAX_SECONDS_$t"; secs=${!s_var:-$max_seconds}
  seeds=$out/seeds-$t
  rm -rf "$out/$t"
  echo "== afl $t: $n executions, at most $secs s" >&2
  nice -n 10 afl-fuzz -i "$seeds" -o "$out/$t" -t 5000 -m none -E "$n" -V "$secs" \
    -- dotnet "$bin/RadAnon.Fuzz.dll" afl "$t" > "$out/$t.log" 2>&1
  stats=$out/$t/default/fuzzer_stats
  [ -f "$stats" ] || { echo "afl-fuzz did not start for $t; see $out/$t.log" >&2; status=1; continue; }
  crashes=$(awk '/^saved_crashes/{print $3}' "$stats"); hangs=$(awk '/^saved_hangs/{print $3}' "$stats")
  [ "$crashes" = 0 ] && [ "$hangs" = 0 ] || status=1
done

printf '\n| target | executions | crashes | hangs | exec/s | seconds | corpus | edges | bitmap | stability |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
for t in "${targets[@]}"; do
  stats=$out/$t/default/fuzzer_stats
  [ -f "$stats" ] || continue
  v() { awk -v k="$1" '$1 == k {print $3}' "$stats"; }
  secs=$(v run_time)
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$t" "$(v execs_done)" "$(v saved_crashes)" "$(v saved_hangs)" \
    "$(( $(v execs_done) / (secs > 0 ? secs : 1) ))" "$secs" "$(v corpus_count)" "$(v edges_found)" "$(v bitmap_cvg)" "$(v stability)"
done
exit $status
