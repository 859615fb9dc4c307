#!/usr/bin/env bash
# DICOM parse/decode throughput on ../shared/corpus: RadAnon in process and per process, pydicom in process,
# dcmdump per process. Not a test: prints numbers for the issue notes. Usage: bench/dicom/run.sh [CORPUS] [ROUNDS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
corpus="${1:-../shared/corpus}"
rounds="${2:-3}"
dotnet build bench/RadAnon.Bench -c Release -o .radanon/bench --nologo -v quiet -clp:ErrorsOnly
echo "== RadAnon (in process)"; dotnet .radanon/bench/RadAnon.Bench.dll "$corpus" "$rounds"
echo "== pydicom $(/usr/bin/python3 -c 'import pydicom; print(pydicom.__version__)') (in process)"; /usr/bin/python3 bench/dicom/pydicom_bench.py "$corpus" "$rounds"
mapfile -t files < <(find "$corpus" -type f -name '*.dcm' | sort)
bytes=$(cat "${files[@]}" | wc -c)
echo "== whole process, ${#files[@]} .dcm files, $((bytes / 1000000)) MB"
start=$(date +%s.%N); for f in "${files[@]}"; do dcmdump -q "$f" >/dev/null 2>&1 || true; done; end=$(date +%s.%N)
echo "dcmdump: $(echo "$end - $start" | bc) s"
./radanon dicom dump "${files[0]}" >/dev/null 2>&1 || true   # build the CLI once
start=$(date +%s.%N); for f in "${files[@]}"; do ./radanon dicom dump "$f" >/dev/null 2>&1 || true; done; end=$(date +%s.%N)
echo "radanon dicom dump: $(echo "$end - $start" | bc) s (includes .NET start-up per file)"
