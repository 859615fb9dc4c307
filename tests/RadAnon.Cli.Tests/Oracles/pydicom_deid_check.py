#!/usr/bin/python3
"""Independent check of RadAnon's Basic Profile output with pydicom, against PS3.15 Table E.1-1 itself
(the JSON extract in ../shared/standard), not against RadAnon's generated code.

usage: pydicom_deid_check.py TABLE.json PAIRS.tsv   (each line: input<TAB>output)
Prints one JSON object: {"checked": n, "violations": [...]} and exits 0 (the caller asserts)."""
import json
import sys

import pydicom

table_path, pairs_path = sys.argv[1], sys.argv[2]
rows = json.load(open(table_path, encoding="utf-8"))
exact, masked = {}, []
for r in rows:
    t = r["tag"].upper()
    if "GGGG" in t:
        continue
    hexid = t.strip("()").replace(",", "")
    if "X" in hexid:
        mask = int("".join("0" if c == "X" else "F" for c in hexid), 16)
        masked.append((mask, int(hexid.replace("X", "0"), 16), r["basicProfile"]))
    else:
        exact[int(hexid, 16)] = r["basicProfile"]


def action(tag):
    if tag in exact:
        return exact[tag]
    for mask, value, act in masked:
        if tag & mask == value and ((tag >> 16) & 0x00E1) == 0:
            return act
    return None


violations = []
checked = 0


def walk(ds, path, where):
    for elem in ds:
        tag = int(elem.tag)
        if elem.tag.is_private:
            violations.append(f"{where}: private {elem.tag} survives at '{path}'")
            continue
        if action(tag) == "X":
            violations.append(f"{where}: X element {elem.tag} {elem.keyword} survives at '{path}'")
        if elem.VR == "SQ":
            for i, item in enumerate(elem.value):
                walk(item, f"{path}/{elem.tag}[{i}]", where)


def text(elem):
    v = elem.value
    if v is None:
        return ""
    if isinstance(v, (list, pydicom.multival.MultiValue)):
        return "\\".join(str(x) for x in v)
    return str(v)


for line in open(pairs_path, encoding="utf-8"):
    if not line.strip():
        continue
    src, out = line.rstrip("\n").split("\t")
    try:
        before = pydicom.dcmread(src, force=True)
    except Exception as e:  # the input is malformed for pydicom too: nothing to compare
        continue
    try:
        after = pydicom.dcmread(out)
    except Exception as e:
        violations.append(f"{out}: pydicom cannot read the output: {type(e).__name__}")
        continue
    checked += 1
    walk(after, "", out)
    for elem in before:
        tag = int(elem.tag)
        act = action(tag)
        if act is None or elem.tag.is_private or elem.VR == "SQ":
            continue
        original = text(elem)
        if act in ("Z", "D", "U") and tag not in after:
            violations.append(f"{out}: {act} element {elem.tag} {elem.keyword} was removed")
            continue
        if tag not in after:
            continue
        new = text(after[tag])
        if act == "Z" and new != "":
            violations.append(f"{out}: Z element {elem.tag} {elem.keyword} is not empty")
        if act in ("D", "U") and original.strip("\0 ") != "" and new == original:
            violations.append(f"{out}: {act} element {elem.tag} {elem.keyword} kept its value")
        if act == "U" and new and not all(u.startswith("2.25.") for u in new.split("\\")):
            violations.append(f"{out}: U element {elem.tag} {elem.keyword} is not a 2.25 UID")
    if after.get("PatientIdentityRemoved") != "YES":
        violations.append(f"{out}: PatientIdentityRemoved is not YES")

print(json.dumps({"checked": checked, "violations": violations}))
