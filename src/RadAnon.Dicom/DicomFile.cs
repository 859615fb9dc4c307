using RadAnon.Dicom.Data;
using RadAnon.Dicom.Reading;
using RadAnon.Dicom.Writing;

namespace RadAnon.Dicom;

/// <summary>A Part 10 file: its File Meta Information (group 0002), its dataset and the syntax it was read in.</summary>
public sealed class DicomFile : IDisposable
{
    private IDisposable? _mapping;

    public DicomFile(DicomDataset fileMetaInformation, DicomDataset dataset, TransferSyntax transferSyntax)
    {
        FileMetaInformation = fileMetaInformation;
        Dataset = dataset;
        TransferSyntax = transferSyntax;
    }

    public DicomDataset FileMetaInformation { get; }

    public DicomDataset Dataset { get; }

    /// <summary>The syntax the dataset was encoded in (from the meta header, or detected when it lies or is absent).</summary>
    public TransferSyntax TransferSyntax { get; }

    /// <summary>Whether the file had the 128-byte preamble and "DICM" prefix.</summary>
    public bool HadPreamble { get; init; }

    /// <summary>Notes about tolerated irregularities (e.g. a meta header naming the wrong syntax). Never values.</summary>
    public IReadOnlyList<string> ReadWarnings { get; init; } = [];

    public static DicomFile Open(string path, DicomReadOptions? options = null) => DicomReader.ReadFile(path, options ?? DicomReadOptions.Default);

    public static DicomFile Read(ReadOnlyMemory<byte> bytes, DicomReadOptions? options = null) => DicomReader.Read(bytes, options ?? DicomReadOptions.Default);

    public static DicomFile Read(Stream stream, DicomReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Read(copy.GetBuffer().AsMemory(0, (int)copy.Length), options);
    }

    public void Save(string path, DicomWriteOptions? options = null)
    {
        using var stream = File.Create(path);
        Save(stream, options);
    }

    public void Save(Stream stream, DicomWriteOptions? options = null) => DicomWriter.Write(stream, this, options ?? DicomWriteOptions.Default);

    public byte[] ToBytes(DicomWriteOptions? options = null)
    {
        using var stream = new MemoryStream();
        Save(stream, options);
        return stream.ToArray();
    }

    internal void AttachMapping(IDisposable mapping) => _mapping = mapping;

    public void Dispose()
    {
        _mapping?.Dispose();
        _mapping = null;
    }
}
