using System.Collections;

namespace RadAnon.Dicom.Data;

/// <summary>
/// An ordered set of data elements: the file's main dataset, or one item of a sequence. Elements stay
/// sorted by tag; typed access lives in the Values partial, and text decoding inherits the nearest
/// Specific Character Set up the sequence chain, as PS3.5 section 7.5.3 requires.
/// </summary>
public sealed partial class DicomDataset : IEnumerable<DicomElement>
{
    private readonly List<DicomElement> _elements = [];

    public DicomDataset()
    {
    }

    public DicomDataset(IEnumerable<DicomElement> elements)
    {
        foreach (var element in elements)
        {
            AddOrReplace(element);
        }
    }

    /// <summary>The sequence that holds this item, or null for a top-level dataset.</summary>
    public DicomSequence? Parent { get; internal set; }

    /// <summary>Whether the item was encoded with undefined length; the writer keeps the form.</summary>
    public bool UndefinedLength { get; set; } = true;

    public int Count => _elements.Count;

    public bool Contains(DicomTag tag) => IndexOf(tag) >= 0;

    public DicomElement? this[DicomTag tag]
    {
        get
        {
            var i = IndexOf(tag);
            return i >= 0 ? _elements[i] : null;
        }
    }

    /// <summary>Adds the element, replacing any element with the same tag. Reading appends in tag order fast.</summary>
    public void AddOrReplace(DicomElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (element is DicomSequence sequence)
        {
            sequence.Owner = this;
        }

        if (_elements.Count == 0 || _elements[^1].Tag < element.Tag)
        {
            _elements.Add(element);
            return;
        }

        var i = IndexOf(element.Tag);
        if (i >= 0)
        {
            _elements[i] = element;
        }
        else
        {
            _elements.Insert(~i, element);
        }
    }

    public bool Remove(DicomTag tag)
    {
        var i = IndexOf(tag);
        if (i < 0)
        {
            return false;
        }

        _elements.RemoveAt(i);
        return true;
    }

    /// <summary>Removes every element the predicate selects; returns how many went.</summary>
    public int RemoveAll(Predicate<DicomElement> match) => _elements.RemoveAll(match);

    public DicomDataset Clone()
    {
        var copy = new DicomDataset { UndefinedLength = UndefinedLength };
        foreach (var element in _elements)
        {
            var clone = element.Clone();
            if (clone is DicomSequence sequence)
            {
                sequence.Owner = copy;
            }

            copy._elements.Add(clone);
        }

        return copy;
    }

    public IEnumerator<DicomElement> GetEnumerator() => _elements.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(DicomTag tag)
    {
        int lo = 0, hi = _elements.Count - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var c = _elements[mid].Tag.CompareTo(tag);
            if (c == 0)
            {
                return mid;
            }

            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }
}
