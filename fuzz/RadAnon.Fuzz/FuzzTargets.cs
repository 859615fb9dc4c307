using System.Text;
using RadAnon.Core.Batches;
using RadAnon.Core.Raster;
using RadAnon.Dicom;
using RadAnon.Dicom.Json;
using RadAnon.Dicom.Pixels;

namespace RadAnon.Fuzz;

/// <summary>
/// What each fuzz target exercises. A target may reject its input only with a <see cref="RadAnonException"/>
/// (the documented, fail-closed refusal); any other exception, a crash or a hang is a finding.
/// </summary>
public static class FuzzTargets
{
    // Created on first use: under AFL, instrumented code (all of RadAnon.Core and RadAnon.Dicom) must not run
    // before SharpFuzz has mapped AFL's shared memory, so no static initialiser may construct our types.
    private static RasterSanitizer? _sanitizer;

    public static IReadOnlyDictionary<string, Action<byte[]>> All { get; } = new Dictionary<string, Action<byte[]>>(StringComparer.Ordinal)
    {
        ["dicom"] = Dicom,
        ["raster"] = Raster,
        ["rle"] = input => CodecInput.Decode(TransferSyntax.RleLosslessUid, input),
        ["jpeg"] = Jpeg,
        ["jpegls"] = input => CodecInput.Decode(TransferSyntax.JpegLSLosslessUid, input),
        ["j2k"] = input => CodecInput.Decode(TransferSyntax.Jpeg2000LosslessUid, input),
        ["zip"] = Zip,
    };

    private static BatchLimits? _zipLimits;

    /// <summary>Read, dump as JSON (charset and sequence paths), decode every frame (codecs), write back.</summary>
    public static void Dicom(byte[] input)
    {
        using var file = DicomFile.Read(input, new Dicom.Reading.DicomReadOptions { MaxPixelDataBytes = 64 << 20, MaxInflatedBytes = 64 << 20, MaxElements = 200_000 });
        new DicomJsonWriter().ToJson(file.Dataset, indented: false);
        if (file.Dataset.Contains(DicomTags.PixelData))
        {
            var decoder = new PixelDataDecoder(file);
            for (var frame = 0; frame < Math.Min(decoder.NumberOfFrames, 4); frame++)
            {
                decoder.DecodeFrame(frame);
            }
        }

        file.ToBytes();
    }

    /// <summary>One JPEG frame (<see cref="CodecInput"/>) through the baseline/extended/lossless decoder; the decoder
    /// is one for the four JPEG syntaxes and picks the process from the stream's SOF marker.</summary>
    public static void Jpeg(byte[] input) => CodecInput.Decode(TransferSyntax.JpegBaselineUid, input);

    /// <summary>The PNG/JPEG input path: format detection, metadata inventory, decode and re-encode without metadata.</summary>
    public static void Raster(byte[] input)
    {
        _sanitizer ??= new RasterSanitizer(new RasterLimits { MaxPixels = 16_000_000 });
        _sanitizer.Sanitize(input);
    }

    /// <summary>The batch archive path: end record and central directory walk, entry checks, size- and CRC-checked reads.</summary>
    public static void Zip(byte[] input)
    {
        using var stream = new MemoryStream(input, writable: false);
        _zipLimits ??= new BatchLimits { MaxEntries = 2000, MaxEntryBytes = 64 << 20, MaxTotalUncompressedBytes = 256 << 20 };
        using var plan = ArchiveInspector.Open(stream, _zipLimits);
        foreach (var entry in plan.Entries.Take(16))
        {
            ArchiveInspector.ReadEntryAsync(entry, CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    /// <summary>Runs a target; true when it accepted or refused the input the documented way.</summary>
    public static bool Survives(Action<byte[]> target, byte[] input, out Exception? finding)
    {
        ArgumentNullException.ThrowIfNull(target);
        try
        {
            target(input);
            finding = null;
            return true;
        }
        catch (RadAnonException)
        {
            finding = null;
            return true;
        }
#pragma warning disable CA1031 // anything else is exactly what the fuzzer looks for
        catch (Exception ex)
#pragma warning restore CA1031
        {
            finding = ex;
            return false;
        }
    }

    public static string Describe(Exception ex) => new StringBuilder().Append(ex.GetType().FullName).Append(": ").Append(ex.StackTrace?.Split('\n').FirstOrDefault()?.Trim()).ToString();
}
