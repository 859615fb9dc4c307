#!/usr/bin/env bash
# Burned-in text benchmark: our pipeline vs the Presidio-style whole-image Tesseract baseline on seeded
# 2500x3000 16-bit synthetic CRs, and the OCR floor (the true text boxes read once, nothing else).
# Each pipeline runs in its own process, so peak RSS is its own.
# Usage: bench/text/run.sh [COUNT=5] [WIDTH=2500] [HEIGHT=3000]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
count="${1:-5}"; width="${2:-2500}"; height="${3:-3000}"
dotnet build "$root/testdata/RadAnon.SyntheticData" -c Release -v q -nologo >/dev/null
gen=(dotnet "$root/testdata/RadAnon.SyntheticData/bin/Release/net10.0/RadAnon.SyntheticData.dll")
echo "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%F) — ${count} images ${width}x${height} 16-bit"
"${gen[@]}" bench header
"${gen[@]}" bench ours "$count" "$width" "$height"
"${gen[@]}" bench baseline "$count" "$width" "$height"
# The least any pipeline that reads the text pays: Tesseract on the true text boxes only, each read once.
"${gen[@]}" bench floor "$count" "$width" "$height"
