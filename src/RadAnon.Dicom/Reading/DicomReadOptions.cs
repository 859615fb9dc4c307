namespace RadAnon.Dicom.Reading;

/// <summary>Limits and choices for reading. Every limit turns hostile input into <see cref="InvalidDicomException"/>.</summary>
public sealed record DicomReadOptions
{
    public static DicomReadOptions Default { get; } = new();

    /// <summary>Deepest allowed sequence nesting; deeper input is rejected instead of recursing further.</summary>
    public int MaxNestingDepth { get; init; } = 64;

    /// <summary>Largest pixel data value (native or all fragments together) a file may declare.</summary>
    public long MaxPixelDataBytes { get; init; } = 1L << 30;

    /// <summary>Largest dataset a deflated file may inflate to, so a small bomb cannot exhaust memory.</summary>
    public long MaxInflatedBytes { get; init; } = 1L << 30;

    /// <summary>Most elements in one file, counting every sequence item's elements.</summary>
    public int MaxElements { get; init; } = 2_000_000;

    /// <summary>
    /// When reading from a path, map the file instead of loading it: pixel data pages in only when a caller
    /// touches it. The <see cref="DicomFile"/> must then be disposed to release the mapping.
    /// </summary>
    public bool LazyPixelData { get; init; }
}
