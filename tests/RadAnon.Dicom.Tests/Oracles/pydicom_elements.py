#!/usr/bin/python3
"""Oracle for RadAnon's reader: prints, for each file given, every element pydicom reads.

Output: one JSON object {path: {"error": str} | {"big_endian": bool, "elements": [[path, vr, value], ...]}}.
Values are normalised so both sides can be compared without sharing code: strings as lists of str,
numbers as lists of float, AT as ints, bytes as a SHA-256 (little-endian order), sequences flattened
into paths like "00400275/0/00400009". Encapsulated pixel data and group lengths are left out.
"""
import hashlib
import json
import sys
import warnings

import pydicom
from pydicom.multival import MultiValue

warnings.simplefilter("ignore")
SWAP = {"OW": 2, "OF": 4, "OL": 4, "OD": 8, "OV": 8}
NUMERIC = {"US", "SS", "UL", "SL", "FL", "FD", "SV", "UV", "IS", "DS"}


def norm(elem, big_endian, bits_allocated):
    vr, value = elem.VR, elem.value
    if value is None or value == "" or value == b"":
        return None
    if isinstance(value, (bytes, bytearray)):
        data = bytes(value)
        unit = SWAP.get(vr)
        if elem.tag == 0x7FE00010 and vr == "OW" and bits_allocated == 32:
            unit = 4  # 32-bit pixels in big-endian files are whole 32-bit words
        if big_endian and unit:
            data = b"".join(data[i:i + unit][::-1] for i in range(0, len(data) - len(data) % unit, unit))
        return {"sha256": hashlib.sha256(data).hexdigest(), "length": len(data)}
    values = list(value) if isinstance(value, (MultiValue, list, tuple)) else [value]
    if vr == "AT":
        return [int(v) for v in values]
    if vr in NUMERIC:
        out = []
        for v in values:
            try:
                out.append(float(v))
            except (TypeError, ValueError):
                out.append(str(v))
        return out
    return [str(v) for v in values]


def walk(ds, prefix, big_endian, out):
    for elem in ds:
        tag = f"{elem.tag.group:04X}{elem.tag.element:04X}"
        if elem.tag.element == 0 or (elem.tag == 0x7FE00010 and elem.is_undefined_length):
            continue
        path = prefix + tag
        if elem.VR == "SQ":
            out.append([path, "SQ", len(elem.value)])
            for i, item in enumerate(elem.value):
                walk(item, f"{path}/{i}/", big_endian, out)
        else:
            out.append([path, elem.VR, norm(elem, big_endian, ds.get("BitsAllocated"))])


result = {}
for path in sys.argv[1:]:
    try:
        ds = pydicom.dcmread(path, force=True)
        ts = getattr(ds, "file_meta", None) and ds.file_meta.get("TransferSyntaxUID")
        big_endian = not ds.is_little_endian
        try:
            ds.decode()
        except Exception:  # noqa: BLE001 - keep raw strings when pydicom cannot decode a charset
            pass
        elements = []
        walk(ds, "", big_endian, elements)
        result[path] = {"big_endian": big_endian, "elements": elements}
    except Exception as e:  # noqa: BLE001 - any failure to read is the answer for that file
        result[path] = {"error": f"{type(e).__name__}: {e}"}
json.dump(result, sys.stdout)
