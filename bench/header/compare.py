#!/usr/bin/python3
"""Which PS3.15 Table E.1-1 elements each tool leaves with their original value, per file, counted (never values).

usage: compare.py TABLE.json PAIRS.tsv   (each line: input<TAB>radanon-output-or-empty<TAB>gdcmanon-output-or-empty)
An element "left identifying" is one whose Basic Profile action is X, Z, D or U (or a combination) and which the output
still holds, at the same tag path, with the input's non-empty value. Sequences are walked (path = tag[item]/...); the
EncryptedAttributesSequence gdcmanon adds holds ciphertext and is not walked. Private data elements left are counted
separately. Prints Markdown: a summary table, the keywords where the tools differ, and per-file counts as TSV on stderr."""
import collections
import json
import sys

import pydicom

table_path, pairs_path = sys.argv[1], sys.argv[2]
rows = json.load(open(table_path, encoding="utf-8"))
exact, masked = {}, []
for r in rows:
    hexid = r["tag"].upper().strip("()").replace(",", "")
    if "G" in hexid:
        continue
    if "X" in hexid:
        mask = int("".join("0" if c == "X" else "F" for c in hexid), 16)
        masked.append((mask, int(hexid.replace("X", "0"), 16), r["basicProfile"]))
    else:
        exact[int(hexid, 16)] = r["basicProfile"]
ENCRYPTED = 0x04000500


def action(tag):
    if tag in exact:
        return exact[tag]
    for mask, value, act in masked:
        if tag & mask == value and ((tag >> 16) & 0x00E1) == 0:
            return act
    return None


def values(ds, path=""):
    """(path, keyword) -> value text for every non-sequence element, at every depth."""
    out = {}
    for e in ds:
        tag = int(e.tag)
        if tag == ENCRYPTED:
            continue
        key = f"{path}{e.tag}"
        if e.VR == "SQ":
            for i, item in enumerate(e.value or []):
                out.update(values(item, f"{key}[{i}]/"))
            continue
        try:
            v = e.value
        except Exception:
            continue
        if isinstance(v, (bytes, bytearray)):
            text = v.hex() if len(v) <= 4096 else f"{len(v)}:{hash(bytes(v))}"
        elif isinstance(v, (list, pydicom.multival.MultiValue)):
            text = "\\".join(str(x) for x in v)
        else:
            text = "" if v is None else str(v)
        out[key] = (tag, e.keyword or str(e.tag), text.strip("\0 "), e.tag.is_private)
    return out


def left(before, after):
    kept, private = [], 0
    for key, (tag, keyword, text, is_private) in after.items():
        if is_private:
            private += 1
            continue
        act = action(tag)
        if act is None or act == "K" or not set(act.replace("*", "").split("/")) & {"X", "Z", "D", "U"}:
            continue
        if key in before and before[key][2] != "" and before[key][2] == text:
            kept.append(keyword)
    return kept, private


def read(path):
    try:
        return pydicom.dcmread(path, force=True)
    except Exception:
        return None


summary = collections.Counter()
only = {"gdcmanon": collections.Counter(), "radanon": collections.Counter()}
both = collections.Counter()
print("file\tradanon_left\tgdcmanon_left\tradanon_private\tgdcmanon_private", file=sys.stderr)
for line in open(pairs_path, encoding="utf-8"):
    if not line.strip():
        continue
    src, ours, theirs = line.rstrip("\n").split("\t")
    before_ds = read(src)
    if before_ds is None:
        continue
    summary["files"] += 1
    before = values(before_ds)
    result = {}
    for tool, path in (("radanon", ours), ("gdcmanon", theirs)):
        ds = read(path) if path else None
        if ds is None:
            summary[f"{tool}_failed"] += 1
            continue
        kept, private = left(before, values(ds))
        result[tool] = (kept, private)
    if len(result) < 2:
        continue
    summary["compared"] += 1
    (rk, rp), (gk, gp) = result["radanon"], result["gdcmanon"]
    print(f"{src}\t{len(rk)}\t{len(gk)}\t{rp}\t{gp}", file=sys.stderr)
    for tool, kept, private in (("radanon", rk, rp), ("gdcmanon", gk, gp)):
        summary[f"{tool}_left"] += len(kept)
        summary[f"{tool}_files_left"] += 1 if kept else 0
        summary[f"{tool}_private"] += private
        summary[f"{tool}_files_private"] += 1 if private else 0
    rc, gc = collections.Counter(rk), collections.Counter(gk)
    for k in set(rc) | set(gc):
        if min(rc[k], gc[k]) > 0:
            both[k] += min(rc[k], gc[k])
        if gc[k] > rc[k]:
            only["gdcmanon"][k] += gc[k] - rc[k]
        if rc[k] > gc[k]:
            only["radanon"][k] += rc[k] - gc[k]

s = summary
print("| | RadAnon (`basic`) | gdcmanon (`-e`, PS3.15 E.1 basic) |")
print("|---|---|---|")
print(f"| corpus DICOM files read by pydicom | {s['files']} | {s['files']} |")
print(f"| de-identified (output written) | {s['files'] - s['radanon_failed']} | {s['files'] - s['gdcmanon_failed']} |")
print(f"| compared (both wrote an output) | {s['compared']} | {s['compared']} |")
print(f"| X/Z/D/U elements left with the original value | {s['radanon_left']} | {s['gdcmanon_left']} |")
print(f"| files with at least one such element | {s['radanon_files_left']} | {s['gdcmanon_files_left']} |")
print(f"| private data elements left | {s['radanon_private']} | {s['gdcmanon_private']} |")
print(f"| files with private data left | {s['radanon_files_private']} | {s['gdcmanon_files_private']} |")
print()
for tool in ("gdcmanon", "radanon"):
    top = ", ".join(f"{k} ({n})" for k, n in only[tool].most_common(15)) or "none"
    print(f"- left by {tool} only (keyword, elements): {top}")
print(f"- left by both: {', '.join(f'{k} ({n})' for k, n in both.most_common(10)) or 'none'}")
