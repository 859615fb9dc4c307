namespace RadAnon.Dicom.Codecs.Jpeg;

/// <summary>
/// Reads entropy-coded bits (T.81 F.2.2.5): removes stuffed zero bytes after FF, and stops at a marker.
/// Needing a bit beyond a marker or the end of the data means the stream is truncated or corrupt.
/// </summary>
internal ref struct JpegBitReader(ReadOnlySpan<byte> data, int position)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position = position;
    private int _buffer;
    private int _bits;

    public int Position => _position;

    public int ReadBit()
    {
        if (_bits == 0)
        {
            Fill();
        }

        _bits--;
        return (_buffer >> _bits) & 1;
    }

    public int ReadBits(int count)
    {
        var value = 0;
        for (var i = 0; i < count; i++)
        {
            value = (value << 1) | ReadBit();
        }

        return value;
    }

    /// <summary>Discards the rest of the current byte and expects restart marker RSTn.</summary>
    public void Restart(int expected)
    {
        _bits = 0;
        while (_position + 1 < _data.Length && _data[_position] == 0xFF && _data[_position + 1] == 0xFF)
        {
            _position++;
        }

        if (_position + 1 >= _data.Length || _data[_position] != 0xFF || _data[_position + 1] != 0xD0 + expected)
        {
            throw new InvalidDicomException($"JPEG restart marker RST{expected} is missing", -1);
        }

        _position += 2;
    }

    /// <summary>Aligns to the next byte at the end of a scan and returns where the next marker should be.</summary>
    public int EndScan()
    {
        _bits = 0;
        return _position;
    }

    private void Fill()
    {
        if (_position >= _data.Length)
        {
            throw new InvalidDicomException("JPEG entropy-coded data ends before the scan is complete", -1);
        }

        var b = _data[_position];
        if (b == 0xFF)
        {
            if (_position + 1 >= _data.Length || _data[_position + 1] != 0)
            {
                throw new InvalidDicomException("JPEG entropy-coded data reaches a marker before the scan is complete", -1);
            }

            _position += 2;
        }
        else
        {
            _position++;
        }

        _buffer = b;
        _bits = 8;
    }
}
