#!/usr/bin/python3
"""Independent check of burnOverlays with pydicom: what the input's overlays covered, and what the output holds there.

usage: pydicom_overlay_check.py INPUT OUTPUT [REPORT.json]
Prints one JSON object of counts (never pixel values):
  overlayGroups  60xx elements left in the output
  highBits       output pixel words with a bit set above HighBit
  overlayPixels  pixels set in any input overlay plane (Overlay Data at its 1-based origin, or a bit outside BitsStored)
  white          of those, pixels the output holds at its maximum value
  changed        of those, pixels whose stored value differs from the input's
  otherChanged   pixels outside every overlay whose stored value differs
  uncovered      overlay pixels neither at the output's maximum nor inside a region the report says was redacted
and exits 0 (the caller asserts)."""
import json
import sys

import numpy as np
import pydicom

src, out = sys.argv[1], sys.argv[2]
before = pydicom.dcmread(src)
after = pydicom.dcmread(out)
rows, cols = before.Rows, before.Columns
raw_in = np.frombuffer(before.PixelData, dtype="<u2" if before.BitsAllocated == 16 else "u1")[: rows * cols].reshape(rows, cols).astype(np.int64)
low = before.HighBit - before.BitsStored + 1
stored_in = (raw_in >> low) & ((1 << before.BitsStored) - 1)

mask = np.zeros((rows, cols), dtype=bool)
for group in range(0x6000, 0x6020, 2):
    if (group, 0x0010) not in before:
        continue
    if (group, 0x3000) in before:
        plane = before.overlay_array(group)
        if plane.ndim == 3:
            plane = plane[0]
        origin = before[group, 0x0050].value
        top, left = origin[0] - 1, origin[1] - 1
        for r in range(plane.shape[0]):
            y = top + r
            if 0 <= y < rows:
                for c in np.nonzero(plane[r])[0]:
                    x = left + c
                    if 0 <= x < cols:
                        mask[y, x] = True
    else:
        bit = before[group, 0x0102].value
        mask |= ((raw_in >> bit) & 1).astype(bool)

raw_out = np.frombuffer(after.PixelData, dtype="<u2" if after.BitsAllocated == 16 else "u1")[: rows * cols].reshape(rows, cols).astype(np.int64)
out_low = after.HighBit - after.BitsStored + 1
stored_out = (raw_out >> out_low) & ((1 << after.BitsStored) - 1)
redacted = np.zeros((rows, cols), dtype=bool)
if len(sys.argv) > 3:
    report = json.load(open(sys.argv[3], encoding="utf-8"))
    for region in (report.get("pixels") or {}).get("regions", []):
        if region["action"] == "redacted" and region["frame"] == 0:
            redacted[region["y"]:region["y"] + region["height"], region["x"]:region["x"] + region["width"]] = True
white = stored_out == stored_out.max()
print(json.dumps({
    "overlayGroups": sum(1 for e in after if 0x6000 <= e.tag.group <= 0x60FF and e.tag.group % 2 == 0),
    "highBits": int(np.count_nonzero(raw_out >> (after.HighBit + 1))),
    "overlayPixels": int(mask.sum()),
    "white": int((stored_out[mask] == stored_out.max()).sum()),
    "changed": int((stored_out[mask] != stored_in[mask]).sum()),
    "otherChanged": int((stored_out[~mask] != stored_in[~mask]).sum()),
    "uncovered": int((mask & ~white & ~redacted).sum()),
}))
