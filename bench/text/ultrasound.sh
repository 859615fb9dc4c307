#!/usr/bin/env bash
# Ultrasound burned-in text: the engine (default options, as the CLI runs it) on every hand-annotated US file of
# ../shared/corpus (testdata/ultrasound/annotations.tsv). Prints one Markdown row per file (identifying boxes removed,
# collateral = changed pixels outside text as % of the pixels outside text on the worst frame, protected pixels
# painted over all frames) and writes a before/after/changes/annotations picture per file into bench/text/ultrasound/.
# Usage: bench/text/ultrasound.sh [CORPUS=../shared/corpus]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
corpus="$(cd "${1:-$root/../shared/corpus}" && pwd)"
dotnet build "$root/bench/RadAnon.UltrasoundBench" -c Release -v q -nologo -clp:ErrorsOnly >/dev/null
echo "$(nproc) cores, $(date -u +%F), engine $(git -C "$root" rev-parse --short HEAD)"
dotnet "$root/bench/RadAnon.UltrasoundBench/bin/Release/net10.0/RadAnon.UltrasoundBench.dll" "$root" "$corpus" "$root/bench/text/ultrasound"
