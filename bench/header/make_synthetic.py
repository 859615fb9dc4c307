#!/usr/bin/python3
"""Writes COUNT uncompressed CR (odd) and DX (even) files of ROWSxCOLS 16-bit (12 stored) with identifying header values.

usage: make_synthetic.py OUTDIR [COUNT=200] [ROWS=2500] [COLS=2048]
The pixels are one random 12-bit image shared by every file (the benchmark measures header work, not content)."""
import os
import sys

import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

out = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 200
rows = int(sys.argv[3]) if len(sys.argv) > 3 else 2500
cols = int(sys.argv[4]) if len(sys.argv) > 4 else 2048
os.makedirs(out, exist_ok=True)
pixels = np.random.default_rng(7).integers(0, 4096, size=(rows, cols), dtype=np.uint16).tobytes()
study = generate_uid()
for i in range(count):
    cr = i % 2 == 1
    sop_class = "1.2.840.10008.5.1.4.1.1.1" if cr else "1.2.840.10008.5.1.4.1.1.1.1"
    ds = Dataset()
    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.SOPClassUID = sop_class
    ds.SOPInstanceUID = generate_uid()
    ds.StudyInstanceUID = study
    ds.SeriesInstanceUID = generate_uid()
    ds.FrameOfReferenceUID = generate_uid()
    ds.StudyDate = ds.SeriesDate = ds.ContentDate = "20240315"
    ds.StudyTime = ds.ContentTime = "101500"
    ds.AccessionNumber = f"ACC{i:06d}"
    ds.Modality = "CR" if cr else "DX"
    ds.Manufacturer = "Acme"
    ds.InstitutionName = "St Bench Hospital"
    ds.InstitutionAddress = "1 Bench Road"
    ds.ReferringPhysicianName = "Doctor^Bench"
    ds.StationName = "BENCH01"
    ds.StudyDescription = "CHEST PA"
    ds.SeriesDescription = "PA"
    ds.OperatorsName = "Tech^Bench"
    ds.PatientName = f"Patient{i}^Bench"
    ds.PatientID = f"PID{i:06d}"
    ds.PatientBirthDate = "19700101"
    ds.PatientSex = "F"
    ds.PatientAge = "054Y"
    ds.DeviceSerialNumber = "SN12345"
    ds.StudyID = f"S{i}"
    ds.SeriesNumber = "1"
    ds.InstanceNumber = str(i + 1)
    ds.PatientOrientation = ""
    ds.BodyPartExamined = "CHEST"
    ds.add_new((0x0009, 0x0010), "LO", "ACME BENCH")
    ds.add_new((0x0009, 0x1001), "LO", f"private {i}")
    if not cr:
        ds.ImageType = ["ORIGINAL", "PRIMARY"]
        ds.PresentationIntentType = "FOR PRESENTATION"
        ds.ImageLaterality = "U"
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows, ds.Columns = rows, cols
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 0
    ds.PixelData = pixels
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = sop_class
    meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.file_meta = meta
    ds.is_little_endian, ds.is_implicit_VR = True, False
    ds.save_as(os.path.join(out, f"img{i:04d}.dcm"), write_like_original=False)
