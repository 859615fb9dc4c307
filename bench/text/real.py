#!/usr/bin/python3
"""Burned-in text on the real corpus cases: what whole-image OCR can read before and after `radanon anonymize`.

Usage: bench/text/real.py [CORPUS=../shared/corpus] [--keep DIR]

Independent of RadAnon's own classifier: the input and the output are rendered the same way (frame 0 of the stored
values decoded by `radanon dicom decode`, min-max to 8 bits, colour to luma; PNG/JPEG as they are), read by the
tesseract CLI (PSM 11 and PSM 3, small images upscaled 2x), and every token is sorted by simple rules:
  identifying = a date, a time, a number of 4+ digits, or a word of the input's identifying header values
  marker      = a standalone L, R, LT, RT, AP, PA, LAT, ERECT, SUPINE...
A residual is an identifying token read in the output that was also read in the input (tokens read only in the
output are OCR noise on the smoothed regions and are listed separately). Prints one Markdown row per file and the
totals; never prints a token, only counts.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import numpy as np
import pydicom
from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MARKERS = {"L", "R", "LT", "RT", "LEFT", "RIGHT", "AP", "PA", "LAT", "LATERAL", "OBL", "ERECT", "SUPINE", "PRONE",
           "UPRIGHT", "PORTABLE", "WB", "INSP", "EXP", "MLO", "CC", "STANDING", "DECUBITUS"}
HEADER_KEYWORDS = ["PatientName", "PatientID", "PatientBirthDate", "InstitutionName", "InstitutionAddress",
                   "ReferringPhysicianName", "PerformingPhysicianName", "OperatorsName", "AccessionNumber", "StudyID",
                   "StudyDate", "SeriesDate", "AcquisitionDate", "ContentDate", "StationName", "OtherPatientIDs"]
DATE = re.compile(r"^(\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}[-/.]?[A-Za-z]{3}[-/.]?\d{2,4}|(19|20)\d{6})$")
TIME = re.compile(r"^\d{1,2}:\d{2}(:\d{2})?([.,]\d+)?$")
NUMBER = re.compile(r"^\d{4,}$")


def words_of(value):
    return {w.upper() for w in re.split(r"[^0-9A-Za-z]+", str(value)) if len(w) >= 3}


def header_words(path):
    try:
        ds = pydicom.dcmread(path, stop_before_pixels=True, force=True)
    except Exception:  # noqa: BLE001 - a PNG/JPEG or an unreadable header has no header words
        return set()
    found = set()
    for keyword in HEADER_KEYWORDS:
        value = ds.get(keyword)
        if value not in (None, ""):
            found |= words_of(value)
    return found


def photometric(path):
    try:
        return str(pydicom.dcmread(path, stop_before_pixels=True, force=True).get("PhotometricInterpretation", ""))
    except Exception:  # noqa: BLE001
        return ""


def render(path, out_png):
    """Frame 0 as an 8-bit gray PNG, the same way for input and output."""
    if path.lower().endswith((".png", ".jpg", ".jpeg")):
        image = Image.open(path).convert("L")
    else:
        npy = out_png + ".npy"
        run = subprocess.run([os.path.join(ROOT, "radanon"), "dicom", "decode", path, "-o", npy, "--frame", "0"],
                             capture_output=True, text=True, check=False)
        if run.returncode != 0:
            return False
        a = np.load(npy)
        a = a[0] if a.ndim >= 3 and a.shape[0] == 1 else a
        if a.ndim == 3:
            a = a[..., 0] if photometric(path).startswith("YBR") else a[..., :3] @ np.array([0.299, 0.587, 0.114])
        a = a.astype(np.float64)
        lo, hi = float(a.min()), float(a.max())
        image = Image.fromarray(np.uint8(np.round((a - lo) * 255.0 / max(1.0, hi - lo))))
        if photometric(path) == "MONOCHROME1":
            image = Image.eval(image, lambda v: 255 - v)
    if max(image.size) < 1000:
        image = image.resize((image.size[0] * 2, image.size[1] * 2), Image.BICUBIC)
    image.save(out_png)
    return True


def ocr_tokens(png):
    tokens = []
    for psm in ("11", "3"):
        run = subprocess.run(["tesseract", png, "stdout", "--psm", psm], capture_output=True, text=True, check=False)
        tokens += [t.strip(".,;:()[]'\"|") for t in run.stdout.split()]
    return [t for t in tokens if t]


def classify(tokens, header):
    identifying, markers = set(), 0
    for t in tokens:
        u = t.upper()
        if u in MARKERS:
            markers += 1
        elif DATE.match(t) or TIME.match(t) or NUMBER.match(t) or (len(u) >= 3 and words_of(u) & header):
            identifying.add(u)
    return identifying, markers


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    corpus = os.path.abspath(args[0] if args else os.path.join(ROOT, "..", "shared", "corpus"))
    rows = [line.rstrip("\n").split("\t") for line in open(os.path.join(corpus, "INDEX.tsv"), encoding="utf-8")][1:]
    cases = [r[0] for r in rows if len(r) > 8 and r[8] == "yes"]
    work = tempfile.mkdtemp(prefix="radanon-real-")
    try:
        inputs = os.path.join(work, "in")
        os.makedirs(inputs)
        names = {}
        for i, rel in enumerate(cases):
            ext = os.path.splitext(rel)[1].lower()
            name = f"{i:02d}{ext if ext in ('.png', '.jpg', '.jpeg') else '.dcm'}"
            os.symlink(os.path.join(corpus, rel), os.path.join(inputs, name))
            names[rel] = name
        out = os.path.join(work, "out")
        subprocess.run([os.path.join(ROOT, "radanon"), "anonymize", inputs, "-o", out, "--force", "--jobs", "2"],
                       capture_output=True, text=True, check=False)
        failures = {}
        failures_path = os.path.join(out, "failures.json")
        if os.path.exists(failures_path):
            for f in json.load(open(failures_path, encoding="utf-8")):
                failures[os.path.basename(f["input"])] = f["type"]
        print("| file | modality | size | identifying read before | after (also before) | after (new) | markers before / after | verification |")
        print("|---|---|---|---|---|---|---|---|")
        totals = [0, 0, 0, 0, 0]
        for rel in cases:
            name = names[rel]
            row = next(r for r in rows if r[0] == rel)
            source = os.path.join(inputs, name)
            produced = [f for f in os.listdir(os.path.join(out, "in")) if f.startswith(name.split(".")[0] + ".")
                        and not f.endswith(".report.json")] if os.path.isdir(os.path.join(out, "in")) else []
            header = header_words(source)
            if not render(source, os.path.join(work, name + ".in.png")):
                continue
            before, markers_before = classify(ocr_tokens(os.path.join(work, name + ".in.png")), header)
            if not produced:
                print(f"| {rel} | {row[2]} | {row[4]}x{row[5]} | {len(before)} | refused ({failures.get(name, '?')}) | | {markers_before} / - | - |")
                continue
            output = os.path.join(out, "in", produced[0])
            report = json.load(open(os.path.join(out, "in", name.split(".")[0] + ".report.json"), encoding="utf-8"))
            verification = report.get("pixels", report).get("verification", {}) if isinstance(report, dict) else {}
            residual_flag = verification.get("residualTextFound")
            render(output, os.path.join(work, name + ".out.png"))
            after, markers_after = classify(ocr_tokens(os.path.join(work, name + ".out.png")), header)
            kept, new = len(after & before), len(after - before)
            totals = [totals[0] + len(before), totals[1] + kept, totals[2] + new, totals[3] + markers_before, totals[4] + markers_after]
            status = "residual found (forced)" if residual_flag else ("clean" if residual_flag is False else "n/a")
            print(f"| {rel} | {row[2]} | {row[4]}x{row[5]} | {len(before)} | {kept} | {new} | {markers_before} / {markers_after} | {status} |")
        print(f"| **total** | | | {totals[0]} | {totals[1]} | {totals[2]} | {totals[3]} / {totals[4]} | |")
    finally:
        if "--keep" in sys.argv:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
