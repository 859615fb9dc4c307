using System.Buffers.Binary;
using System.IO.Compression;
using RadAnon.Dicom.Data;

namespace RadAnon.Dicom.Reading;

/// <summary>
/// Reads Part 10 files, and bare datasets without a meta header: finds the preamble, reads the meta group,
/// settles the transfer syntax (checking the header's claim against the bytes), inflates deflated data
/// within a limit, and hands the dataset to <see cref="DatasetParser"/>.
/// </summary>
public static class DicomReader
{
    private const int PreambleLength = 128;

    public static DicomFile ReadFile(string path, DicomReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.LazyPixelData)
        {
            return Read(File.ReadAllBytes(path), options);
        }

        var mapped = MappedFileMemory.Open(path);
        try
        {
            var file = Read(mapped.Memory, options);
            file.AttachMapping(mapped);
            return file;
        }
        catch
        {
            ((IDisposable)mapped).Dispose();
            throw;
        }
    }

    public static DicomFile Read(ReadOnlyMemory<byte> bytes, DicomReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var span = bytes.Span;
        var warnings = new List<string>();
        var hadPreamble = span.Length >= PreambleLength + 4 && span.Slice(PreambleLength, 4).SequenceEqual("DICM"u8);
        if (hadPreamble && !StartsWithMetaGroup(span, PreambleLength + 4) && LooksLikeBareDataset(span) && !StartsWithMetaGroup(span, 0))
        {
            // "DICM" at offset 128 by coincidence inside a bare dataset (seen in the wild): no preamble after all.
            hadPreamble = false;
            warnings.Add("bytes 128-131 read DICM but no meta group follows; read as a dataset without preamble");
        }
        var position = hadPreamble ? PreambleLength + 4 : 0;
        if (!hadPreamble && span.Length >= 4 && span[..4].SequenceEqual("DICM"u8))
        {
            position = 4;
            warnings.Add("file has DICM without the 128-byte preamble");
        }

        var meta = new DicomDataset();
        if (span.Length >= position + 8 && BinaryPrimitives.ReadUInt16LittleEndian(span[position..]) == 0x0002)
        {
            position = ReadMetaGroup(bytes, position, options, meta, warnings);
        }
        else if (position == 0 && !LooksLikeBareDataset(span))
        {
            throw new InvalidDicomException("not a DICOM file: no DICM prefix, no file meta group and no recognisable dataset start", 0);
        }

        var declared = meta.GetString(DicomTags.TransferSyntaxUID);
        var syntax = declared is { Length: > 0 } ? TransferSyntax.Lookup(declared) : DetectSyntax(span, position);
        if (declared is null)
        {
            warnings.Add($"no transfer syntax in the meta header; detected {syntax.Name}");
        }

        var dataset = ParseDataset(bytes, position, syntax, options, warnings, out var effective);
        if (dataset[DicomTags.PixelData] is DicomFragments && !effective.Encapsulated)
        {
            // Fragments under a native syntax cannot be decoded or written back truthfully (found by fuzzing).
            throw new InvalidDicomException($"pixel data is encapsulated (undefined length) but the transfer syntax {effective.Uid} is native", position);
        }

        if (dataset[DicomTags.PixelData] is DicomValueElement && effective.Encapsulated)
        {
            throw new InvalidDicomException($"pixel data has a defined length but the transfer syntax {effective.Uid} is encapsulated", position);
        }

        return new DicomFile(meta, dataset, effective) { HadPreamble = hadPreamble, ReadWarnings = warnings };
    }

    private static int ReadMetaGroup(ReadOnlyMemory<byte> bytes, int position, DicomReadOptions options, DicomDataset meta, List<string> warnings)
    {
        var span = bytes.Span;
        var explicitVR = span.Length >= position + 6 && DicomVRExtensions.TryParse(span[position + 4], span[position + 5], out _);
        if (!explicitVR)
        {
            warnings.Add("file meta group is encoded in implicit VR; PS3.10 requires explicit VR little endian");
        }

        var parser = new DatasetParser(bytes, explicitVR, bigEndian: false, options);
        return parser.ParseGroup(meta, position, 0x0002);
    }

    private static DicomDataset ParseDataset(ReadOnlyMemory<byte> bytes, int position, TransferSyntax syntax, DicomReadOptions options, List<string> warnings, out TransferSyntax effective)
    {
        effective = syntax;
        if (syntax.Deflated)
        {
            var inflated = Inflate(bytes[position..], options.MaxInflatedBytes, position);
            var inflatedParser = new DatasetParser(inflated, explicitVR: true, bigEndian: false, options);
            var inflatedDataset = inflatedParser.ParseToEnd(0);
            warnings.AddRange(inflatedParser.Warnings);
            return inflatedDataset;
        }

        var span = bytes.Span;
        var explicitVR = syntax.ExplicitVR;
        if (span.Length >= position + 8)
        {
            // Trust an explicit claim whenever a valid VR is there; overturn an implicit claim only when the
            // dictionary agrees with the letters, since an implicit length can spell two letters by chance.
            var looksExplicit = LooksExplicit(span, position, syntax.BigEndian, checkDictionary: !explicitVR);
            if (looksExplicit != explicitVR)
            {
                warnings.Add($"the meta header names {syntax.Name}, but the dataset is encoded in {(looksExplicit ? "explicit" : "implicit")} VR; read as encoded");
                explicitVR = looksExplicit;
                if (!syntax.Encapsulated)
                {
                    effective = looksExplicit
                        ? (syntax.BigEndian ? TransferSyntax.ExplicitVRBigEndian : TransferSyntax.ExplicitVRLittleEndian)
                        : TransferSyntax.ImplicitVRLittleEndian;
                }
            }
        }

        var parser = new DatasetParser(bytes, explicitVR, syntax.BigEndian, options);
        var dataset = parser.ParseToEnd(position);
        warnings.AddRange(parser.Warnings);
        return dataset;
    }

    /// <summary>An explicit VR header has two uppercase letters that the dictionary agrees with, or a known VR.</summary>
    private static bool LooksExplicit(ReadOnlySpan<byte> span, int position, bool bigEndian, bool checkDictionary = true)
    {
        if (!DicomVRExtensions.TryParse(span[position + 4], span[position + 5], out var vr))
        {
            return false;
        }

        if (!checkDictionary)
        {
            return true;
        }

        var group = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(span[position..]) : BinaryPrimitives.ReadUInt16LittleEndian(span[position..]);
        var element = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(span[(position + 2)..]) : BinaryPrimitives.ReadUInt16LittleEndian(span[(position + 2)..]);
        var entry = DicomDictionary.Lookup(new DicomTag(group, element));
        return entry is null || entry.ValueRepresentations.Contains(vr) || vr is DicomVR.UN or DicomVR.OB;
    }

    private static TransferSyntax DetectSyntax(ReadOnlySpan<byte> span, int position)
    {
        if (span.Length < position + 8)
        {
            return TransferSyntax.ImplicitVRLittleEndian;
        }

        var bigEndian = BinaryPrimitives.ReadUInt16LittleEndian(span[position..]) > 0x00FF
            && BinaryPrimitives.ReadUInt16BigEndian(span[position..]) <= 0x00FF;
        if (LooksExplicit(span, position, bigEndian))
        {
            return bigEndian ? TransferSyntax.ExplicitVRBigEndian : TransferSyntax.ExplicitVRLittleEndian;
        }

        return TransferSyntax.ImplicitVRLittleEndian;
    }

    private static bool StartsWithMetaGroup(ReadOnlySpan<byte> span, int position) =>
        span.Length >= position + 8 && BinaryPrimitives.ReadUInt16LittleEndian(span[position..]) == 0x0002;

    /// <summary>A dataset without a meta header starts with a low, even group (0000-0028) in either byte order.</summary>
    private static bool LooksLikeBareDataset(ReadOnlySpan<byte> span)
    {
        if (span.Length < 8)
        {
            return false;
        }

        var le = BinaryPrimitives.ReadUInt16LittleEndian(span);
        var be = BinaryPrimitives.ReadUInt16BigEndian(span);
        return (le <= 0x0028 && (le & 1) == 0) || (be <= 0x0028 && (be & 1) == 0 && span[1] != 0);
    }

    private static ReadOnlyMemory<byte> Inflate(ReadOnlyMemory<byte> deflated, long limit, int baseOffset)
    {
        using var input = new MemoryStream(deflated.ToArray(), writable: false);
        using var inflater = new DeflateStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        try
        {
            int read;
            while ((read = inflater.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + read > limit)
                {
                    throw new InvalidDicomException($"deflated dataset inflates beyond the limit of {limit} bytes (MaxInflatedBytes)", baseOffset);
                }

                output.Write(buffer, 0, read);
            }
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDicomException("deflated dataset is not a valid deflate stream", baseOffset, ex);
        }

        return output.GetBuffer().AsMemory(0, (int)output.Length);
    }
}
