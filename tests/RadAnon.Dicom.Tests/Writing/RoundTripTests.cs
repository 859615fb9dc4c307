using System.Buffers.Binary;
using RadAnon.Dicom.Tests.Oracles;
using RadAnon.Dicom.Writing;
using RadAnon.TestSupport;

namespace RadAnon.Dicom.Tests.Writing;

public sealed class RoundTripTests
{
    [CorpusTheory]
    [MemberData(nameof(CorpusIndex.DicomPaths), MemberType = typeof(CorpusIndex))]
    public void WriteThenRead_CorpusFile_GivesEqualDataset(string path)
    {
        if (!TryOpen(path, out var original))
        {
            return;
        }

        using (original)
        {
            var bytes = original.ToBytes();
            using var reread = DicomFile.Read(bytes);
            Assert.Equal(original.TransferSyntax.Uid, reread.TransferSyntax.Uid);
            Assert.Equal(ElementFlattener.Flatten(original.Dataset, padOdd: true), ElementFlattener.Flatten(reread.Dataset, padOdd: true), FlatComparer.Instance);
        }
    }

    [CorpusTheory]
    [MemberData(nameof(CorpusIndex.DicomPaths), MemberType = typeof(CorpusIndex))]
    public void WriteAsExplicitLittleEndian_CorpusFile_GivesEqualDataset(string path)
    {
        if (!TryOpen(path, out var original))
        {
            return;
        }

        using (original)
        {
            if (original.TransferSyntax.Encapsulated)
            {
                return; // changing an encapsulated syntax needs the pixel codecs; covered by the codec tests
            }

            var bytes = original.ToBytes(new DicomWriteOptions { TransferSyntax = TransferSyntax.ExplicitVRLittleEndian });
            using var reread = DicomFile.Read(bytes);
            Assert.Equal(TransferSyntax.ExplicitVRLittleEndianUid, reread.TransferSyntax.Uid);
            Assert.Equal(ElementFlattener.Flatten(original.Dataset, padOdd: true), ElementFlattener.Flatten(reread.Dataset, padOdd: true), FlatComparer.Instance);
        }
    }

    [ToolTheory("dcmdump")]
    [MemberData(nameof(CorpusIndex.DicomPaths), MemberType = typeof(CorpusIndex))]
    public void Write_CorpusFile_IsReadByDcmdumpWithoutErrors(string path)
    {
        if (!TryOpen(path, out var original))
        {
            return;
        }

        using (original)
        {
            var output = Path.Combine(Path.GetTempPath(), "radanon-rt-" + Guid.NewGuid().ToString("N") + ".dcm");
            try
            {
                original.Save(output);
                var result = ExternalTool.Run("dcmdump", ["-q", "+E", output]);
                Assert.True(result.ExitCode == 0 && !result.StandardError.Contains("E: ", StringComparison.Ordinal),
                    $"dcmdump rejects our output of {path}: {result.StandardError}");
            }
            finally
            {
                File.Delete(output);
            }
        }
    }

    /// <summary>An unchanged explicit VR little endian file comes back byte for byte after the meta group.</summary>
    [CorpusTheory]
    [MemberData(nameof(CorpusIndex.DicomPaths), MemberType = typeof(CorpusIndex))]
    public void Write_UnchangedExplicitLittleEndianFile_KeepsDatasetBytes(string path)
    {
        if (!TryOpen(path, out var original))
        {
            return;
        }

        using (original)
        {
            var input = File.ReadAllBytes(CorpusIndex.Get(path).FullPath);
            if (original.TransferSyntax.Uid != TransferSyntax.ExplicitVRLittleEndianUid || !original.HadPreamble || original.ReadWarnings.Count > 0)
            {
                return;
            }

            var output = original.ToBytes();
            var expected = input.AsSpan(DatasetStart(input));
            var actual = output.AsSpan(DatasetStart(output));
            using var reread = DicomFile.Read(output);
            var documented = DocumentedNormalisation(original.Dataset) ?? CorrectedGroupLength(original.Dataset, reread.Dataset);
            if (documented is not null)
            {
                return;
            }

            var firstDifference = expected.CommonPrefixLength(actual);
            Assert.True(expected.SequenceEqual(actual), $"{path}: dataset bytes differ from offset {firstDifference} after the meta group (lengths {expected.Length} vs {actual.Length})");
        }
    }

    private static bool TryOpen(string path, out DicomFile file)
    {
        file = null!;
        if (path == CorpusIndex.MissingCorpus)
        {
            return false;
        }

        try
        {
            file = DicomFile.Open(CorpusIndex.Get(path).FullPath);
            return true;
        }
        catch (InvalidDicomException)
        {
            return false; // rejection is covered by the reader tests
        }
    }

    /// <summary>Where the meta group ends: after the preamble, skip explicit VR little endian group 0002 elements.</summary>
    private static int DatasetStart(byte[] file)
    {
        var position = 132;
        while (position + 8 <= file.Length && BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(position)) == 2)
        {
            var vr = System.Text.Encoding.ASCII.GetString(file, position + 4, 2);
            position += vr is "OB" or "UN" or "SQ" or "UT" or "OW"
                ? 12 + (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(position + 8))
                : 8 + BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(position + 6));
        }

        return position;
    }

    /// <summary>The writer's documented normalisations; a file that needs one is not expected to be identical.</summary>
    private static string? DocumentedNormalisation(RadAnon.Dicom.Data.DicomDataset dataset)
    {
        foreach (var element in dataset)
        {
            switch (element)
            {
                case RadAnon.Dicom.Data.DicomValueElement { Length: var n } when (n & 1) == 1:
                    return "odd-length value gains a padding byte";
                case RadAnon.Dicom.Data.DicomSequence sequence:
                    foreach (var item in sequence.Items)
                    {
                        if (DocumentedNormalisation(item) is { } reason)
                        {
                            return reason;
                        }
                    }

                    break;
                default:
                    break;
            }
        }

        return null;
    }

    private static string? CorrectedGroupLength(RadAnon.Dicom.Data.DicomDataset input, RadAnon.Dicom.Data.DicomDataset output) =>
        input.Where(e => e.Tag.IsGroupLength)
            .Any(e => input.GetOrDefault<uint>(e.Tag, 0) != output.GetOrDefault<uint>(e.Tag, 0))
            ? "a wrong group length is corrected"
            : null;

    private sealed class FlatComparer : IEqualityComparer<ElementFlattener.Flat>
    {
        public static readonly FlatComparer Instance = new();

        public bool Equals(ElementFlattener.Flat? x, ElementFlattener.Flat? y) =>
            x is not null && y is not null && x.Path == y.Path && x.VR == y.VR && Same(x.Value, y.Value);

        public int GetHashCode(ElementFlattener.Flat obj) => obj.Path.GetHashCode(StringComparison.Ordinal);

        private static bool Same(object? a, object? b) => (a, b) switch
        {
            (null, null) => true,
            (List<object> la, List<object> lb) => la.SequenceEqual(lb),
            _ => Equals(a, b),
        };
    }
}
