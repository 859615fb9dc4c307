#!/usr/bin/python3
"""Oracle for `radanon dicom decode`: compares .npy files with pydicom's pixel_array.

Arguments: pairs of DICOM path and .npy path. Prints JSON {dicom: {"status": ..., ...}} where status is
"equal", "within-tolerance", "different" (with shapes, dtypes and the max abs difference) or
"oracle-cannot-decode".
YBR JPEG baseline/extended frames: radanon returns RGB (IJG integer conversion) while pydicom 2.3 returns
YBR; pydicom's own conversion to RGB is applied and, the syntax being lossy, max abs diff <= 2 and mean
<= 0.5 count as "within-tolerance".
"""
import json
import sys
import warnings

import numpy as np
import pydicom
from pydicom.pixel_data_handlers.util import convert_color_space

warnings.simplefilter("ignore")
out = {}
args = sys.argv[1:]
for dcm, npy in zip(args[0::2], args[1::2]):
    try:
        ds = pydicom.dcmread(dcm, force=True)
        expected = ds.pixel_array
    except Exception as e:  # noqa: BLE001 - no handler or unreadable: nothing to compare against
        out[dcm] = {"status": "oracle-cannot-decode", "why": f"{type(e).__name__}: {e}"}
        continue
    # pydicom 2.3 leaves bits above BitsStored as they are in native data; PS3.5 8.1.1 says only BitsStored
    # bits ending at HighBit are the pixel value. Apply that definition here so like is compared with like.
    bits_stored, high_bit = int(ds.BitsStored), int(ds.HighBit)
    if expected.dtype.kind in "ui" and ds.BitsAllocated > 1 and bits_stored < ds.BitsAllocated:
        wide = expected.astype(np.int64) & ((1 << ds.BitsAllocated) - 1)
        value = (wide >> (high_bit - bits_stored + 1)) & ((1 << bits_stored) - 1)
        if int(ds.PixelRepresentation) == 1:
            value = np.where(value >= (1 << (bits_stored - 1)), value - (1 << bits_stored), value)
        expected = value
    frames = int(getattr(ds, "NumberOfFrames", 1) or 1)
    spp = int(getattr(ds, "SamplesPerPixel", 1) or 1)
    syntax = str(ds.file_meta.TransferSyntaxUID) if "TransferSyntaxUID" in getattr(ds, "file_meta", {}) else ""
    ybr_jpeg = (syntax in ("1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51") and spp == 3
                and str(ds.PhotometricInterpretation).startswith("YBR"))
    if ybr_jpeg:
        expected = convert_color_space(expected, "YBR_FULL", "RGB")
    if frames == 1:
        expected = expected[np.newaxis, ...]
    if spp > 1 and getattr(ds, "PlanarConfiguration", 0) == 1 and expected.shape[-1] != spp:
        expected = np.moveaxis(expected, -3, -1)
    actual = np.load(npy)
    if actual.shape == expected.shape and np.array_equal(actual.astype(np.int64), expected.astype(np.int64)):
        out[dcm] = {"status": "equal", "dtype": str(actual.dtype), "expected_dtype": str(expected.dtype)}
    elif ybr_jpeg and actual.shape == expected.shape and (
            np.abs(actual.astype(np.int64) - expected.astype(np.int64)).max() <= 2
            and np.abs(actual.astype(np.int64) - expected.astype(np.int64)).mean() <= 0.5):
        out[dcm] = {"status": "within-tolerance", "dtype": str(actual.dtype), "expected_dtype": str(expected.dtype)}
    else:
        diff = None
        if actual.shape == expected.shape:
            diff = int(np.abs(actual.astype(np.int64) - expected.astype(np.int64)).max())
        out[dcm] = {"status": "different", "shape": list(actual.shape), "expected_shape": list(expected.shape),
                    "dtype": str(actual.dtype), "expected_dtype": str(expected.dtype), "max_abs_diff": diff}
json.dump(out, sys.stdout)
