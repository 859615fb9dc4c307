"""In-process pydicom throughput over the same files, for comparison with RadAnon.Bench."""
import os, sys, time
import pydicom

root = sys.argv[1]
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
files = []
for d, _, names in os.walk(root):
    for n in names:
        if n.endswith(('.json', '.md', '.tsv')):
            continue
        p = os.path.join(d, n)
        try:
            pydicom.dcmread(p)
            files.append(p)
        except Exception:
            pass
total = sum(os.path.getsize(p) for p in files)
print(f"{len(files)} readable files, {total / 1e6:.1f} MB, best of {rounds} rounds")
best = min((lambda t0: (time.perf_counter() if all(pydicom.dcmread(p) is not None for p in files) else 0) - t0)(time.perf_counter()) for _ in range(rounds))
print(f"parse: {best * 1000:.0f} ms, {total / 1e6 / best:.1f} MB/s")
decoded, decoded_bytes, best = 0, 0, float('inf')
for _ in range(rounds):
    decoded, decoded_bytes = 0, 0
    t0 = time.perf_counter()
    for p in files:
        try:
            ds = pydicom.dcmread(p)
            if 'PixelData' in ds:
                ds.pixel_array
                decoded += 1
                decoded_bytes += os.path.getsize(p)
        except Exception:
            pass
    best = min(best, time.perf_counter() - t0)
print(f"decode: {decoded} files with decodable pixels (pydicom's own handlers)")
print(f"parse+decode: {best * 1000:.0f} ms, {decoded_bytes / 1e6 / best:.1f} MB/s")
