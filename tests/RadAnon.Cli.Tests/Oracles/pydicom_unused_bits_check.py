#!/usr/bin/python3
"""Independent check, with pydicom, of the pixel words of a header-only output against its input.

usage: pydicom_unused_bits_check.py INPUT OUTPUT
Native 8/16-bit pixel data only. Prints one JSON object of counts (never pixel values):
  inputOutsideBits   input words with a bit set outside the stored bits (HighBit - BitsStored + 1 .. HighBit)
  outputOutsideBits  the same in the output
  storedChanged      words whose stored value (masked to the stored bits) differs between input and output
  rawIdentical       whether the pixel data bytes are identical
  overlayGroups      60xx elements left in the output
and exits 0 (the caller asserts)."""
import json
import sys

import numpy as np
import pydicom
from pydicom.uid import ImplicitVRLittleEndian


def words(ds):
    syntax = ds.file_meta.get("TransferSyntaxUID", ImplicitVRLittleEndian)
    order = "<" if syntax.is_little_endian else ">"
    dtype = np.dtype("u2" if ds.BitsAllocated == 16 else "u1").newbyteorder(order)
    size = dtype.itemsize
    data = ds.PixelData
    return np.frombuffer(data[: len(data) // size * size], dtype=dtype).astype(np.uint32)


before = pydicom.dcmread(sys.argv[1], force=True)
after = pydicom.dcmread(sys.argv[2])
low = before.HighBit - before.BitsStored + 1
stored = ((1 << before.BitsStored) - 1) << low
full = (1 << before.BitsAllocated) - 1
a, b = words(before), words(after)
print(json.dumps({
    "inputOutsideBits": int(np.count_nonzero(a & (full & ~stored))),
    "outputOutsideBits": int(np.count_nonzero(b & (full & ~stored))),
    "storedChanged": int(np.count_nonzero((a & stored) != (b & stored))) if a.shape == b.shape else -1,
    "rawIdentical": bool(a.shape == b.shape and np.array_equal(a, b)),
    "overlayGroups": sum(1 for e in after if (e.tag.group & 0xFF00) == 0x6000),
}))
