namespace RadAnon.Dicom.Data;

/// <summary>An SQ element: an ordered list of item datasets, each of which may hold further sequences.</summary>
public sealed class DicomSequence : DicomElement
{
    private readonly List<DicomDataset> _items = [];

    public DicomSequence(DicomTag tag, IEnumerable<DicomDataset>? items = null)
        : base(tag, DicomVR.SQ)
    {
        foreach (var item in items ?? [])
        {
            Add(item);
        }
    }

    public IReadOnlyList<DicomDataset> Items => _items;

    /// <summary>The dataset holding this sequence, so an item's charset lookup can walk upward.</summary>
    public DicomDataset? Owner { get; internal set; }

    /// <summary>Whether the file encoded this sequence with undefined length; the writer keeps the form.</summary>
    public bool UndefinedLength { get; set; } = true;

    public void Add(DicomDataset item)
    {
        ArgumentNullException.ThrowIfNull(item);
        item.Parent = this;
        _items.Add(item);
    }

    public void RemoveAt(int index) => _items.RemoveAt(index);

    public void Clear() => _items.Clear();

    public override DicomElement Clone()
    {
        var copy = new DicomSequence(Tag) { UndefinedLength = UndefinedLength };
        foreach (var item in _items)
        {
            copy.Add(item.Clone());
        }

        return copy;
    }
}
