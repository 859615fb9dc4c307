using System.Buffers;
using RadAnon.Core;
using RadAnon.Core.Diagnostics;
using RadAnon.Core.Profiles;
using RadAnon.Core.Provenance;
using RadAnon.Dicom;

namespace RadAnon.Cli.Batch;

/// <summary>
/// The pipeline in this process. One <see cref="Anonymizer"/> serves every worker: it keeps no per-call state, and the
/// OCR behind it (<see cref="Core.Ocr.TesseractOcr"/>) gives each thread its own Tesseract engine, so N worker threads
/// use N engines. The input is read only here, when a worker picks it up, in one read into a pooled buffer (one copy
/// from the page cache, no new large array per file); the parser and the writer work on slices of that buffer, and the
/// buffer goes back to the pool only after the output is written.
/// </summary>
internal sealed class LocalAnonymizer(Anonymizer anonymizer, AnonymizeOptions options, PseudonymKey key) : IItemAnonymizer
{
    public ItemResult Anonymize(string inputPath, Stream destination)
    {
        var timings = anonymizer.Timings;
        byte[] buffer;
        int length;
        using (StageScope.Start(timings, "read"))
        {
            (buffer, length) = Read(inputPath);
        }

        try
        {
            var written = anonymizer.AnonymizeTo(buffer.AsMemory(0, length), destination, options, key);
            using var json = StageScope.Start(timings, "report json");
            var report = ProvenanceJson.ToNode(written.Report);
            return new ItemResult(written.FileExtension, report, written.Report.InputSha256, written.Report.OutputSha256, written.Length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The whole file in a rented buffer (its first <c>length</c> bytes; the rest is stale and never read).</summary>
    private static (byte[] Buffer, int Length) Read(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var size = RandomAccess.GetLength(handle);
        if (size > Array.MaxLength)
        {
            throw new InvalidDicomException($"file of {size} bytes is larger than the 2 GiB a single file may be", -1);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, (int)size));
        try
        {
            var length = 0;
            for (int read; length < size && (read = RandomAccess.Read(handle, buffer.AsSpan(length, (int)size - length), length)) > 0;)
            {
                length += read;
            }

            return (buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }
}
