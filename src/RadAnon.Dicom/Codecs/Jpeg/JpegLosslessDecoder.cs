using System.Buffers.Binary;
using RadAnon.Dicom.Pixels;

namespace RadAnon.Dicom.Codecs.Jpeg;

/// <summary>
/// Our own decoder for JPEG lossless, process 14 (T.81 Annex H): Huffman-coded differences from one of
/// seven predictors, 2 to 16 bits, point transform, restart intervals and interleaved or separate scans.
/// JpegLibrary's lossless path keeps samples as 16-bit signed values and applies the chosen predictor on
/// the first line, so 16-bit data and predictors other than 1 come out wrong there.
/// </summary>
internal static class JpegLosslessDecoder
{
    public static void Decode(ReadOnlySpan<byte> stream, JpegFrameHeader frame, PixelDescription description, Span<byte> destination)
    {
        if (frame.Precision is < 2 or > 16)
        {
            throw new InvalidDicomException($"JPEG lossless precision {frame.Precision} is outside 2..16", -1);
        }

        if (frame.Components.Any(c => c.Horizontal != 1 || c.Vertical != 1))
        {
            throw new UnsupportedPixelDataException("JPEG lossless with subsampled components is not supported");
        }

        var width = frame.SamplesPerLine;
        var lines = frame.Lines;
        var planes = new ushort[frame.Components.Length][];
        for (var i = 0; i < planes.Length; i++)
        {
            planes[i] = new ushort[(long)width * lines];
        }

        var tables = new HuffmanTable?[4];
        var restartInterval = 0;
        var decoded = new bool[planes.Length];
        var position = 2;
        while (position < stream.Length)
        {
            var marker = JpegFrameHeader.NextSegment(stream, ref position, out var segment);
            switch (marker)
            {
                case JpegFrameHeader.Eoi:
                    position = stream.Length;
                    break;
                case JpegFrameHeader.Dht:
                    HuffmanTable.ReadSegment(segment, tables, null);
                    break;
                case JpegFrameHeader.Dri:
                    restartInterval = segment.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(segment) : throw new InvalidDicomException("JPEG DRI segment is truncated", -1);
                    break;
                case JpegFrameHeader.Sos:
                    var scan = new Scan(frame, segment, tables, restartInterval, planes);
                    position = SkipToMarker(stream, scan.Run(stream, position, decoded));
                    break;
                default:
                    break;
            }
        }

        if (decoded.Contains(false))
        {
            throw new InvalidDicomException("JPEG lossless stream ends before every component has been decoded", -1);
        }

        JpegOutput.Interleave(planes, frame, description, destination);
    }

    /// <summary>Skips bytes some encoders leave between a scan's last code and the next marker.</summary>
    internal static int SkipToMarker(ReadOnlySpan<byte> stream, int position)
    {
        while (position + 1 < stream.Length && !(stream[position] == 0xFF && stream[position + 1] is not 0 and not 0xFF))
        {
            position++;
        }

        return position + 1 < stream.Length ? position : stream.Length;
    }

    /// <summary>One SOS: its components, predictor and point transform, decoded row by row.</summary>
    private readonly ref struct Scan
    {
        private readonly int[] _components;
        private readonly HuffmanTable[] _tables;
        private readonly ushort[][] _planes;
        private readonly int _predictor;
        private readonly int _pointTransform;
        private readonly int _restartInterval;
        private readonly int _width;
        private readonly int _lines;
        private readonly int _initial;

        public Scan(JpegFrameHeader frame, ReadOnlySpan<byte> s, HuffmanTable?[] tables, int restartInterval, ushort[][] planes)
        {
            if (s.Length < 1 || s.Length < 4 + (2 * s[0]) || s[0] is 0 or > 4)
            {
                throw new InvalidDicomException("JPEG scan header is truncated or declares no components", -1);
            }

            var count = s[0];
            _components = new int[count];
            _tables = new HuffmanTable[count];
            for (var i = 0; i < count; i++)
            {
                var id = s[1 + (2 * i)];
                var index = Array.FindIndex(frame.Components, c => c.Id == id);
                _components[i] = index >= 0 ? index : throw new InvalidDicomException($"JPEG scan names component {id}, which the frame does not have", -1);
                _tables[i] = HuffmanTable.Select(tables, s[2 + (2 * i)] >> 4, "DC");
            }

            var tail = s[(1 + (2 * count))..];
            _predictor = tail[0];
            _pointTransform = tail[2] & 15;
            if (_predictor > 7 || _pointTransform >= frame.Precision)
            {
                throw new InvalidDicomException($"JPEG lossless scan has predictor {_predictor} and point transform {_pointTransform}", -1);
            }

            _width = frame.SamplesPerLine;
            _lines = frame.Lines;
            if (restartInterval > 0 && restartInterval % _width != 0)
            {
                throw new UnsupportedPixelDataException($"JPEG lossless restart interval {restartInterval} is not a whole number of {_width}-sample rows");
            }

            _restartInterval = restartInterval;
            _initial = 1 << (frame.Precision - _pointTransform - 1);
            _planes = planes;
        }

        /// <returns>The position just after the scan's entropy-coded data.</returns>
        public int Run(ReadOnlySpan<byte> stream, int position, bool[] decoded)
        {
            var reader = new JpegBitReader(stream, position);
            var rowsPerInterval = _restartInterval == 0 ? int.MaxValue : _restartInterval / _width;
            var restarts = 0;
            for (var y = 0; y < _lines; y++)
            {
                var firstLine = y % rowsPerInterval == 0;
                if (firstLine && y > 0)
                {
                    reader.Restart(restarts++ & 7);
                }

                for (var x = 0; x < _width; x++)
                {
                    for (var i = 0; i < _components.Length; i++)
                    {
                        var plane = _planes[_components[i]];
                        var diff = ReadDifference(ref reader, _tables[i]);
                        var at = ((long)y * _width) + x;
                        plane[at] = (ushort)(Predict(plane, at, x, firstLine) + diff);
                    }
                }
            }

            foreach (var c in _components)
            {
                decoded[c] = true;
                if (_pointTransform > 0)
                {
                    foreach (ref var v in _planes[c].AsSpan())
                    {
                        v = (ushort)(v << _pointTransform);
                    }
                }
            }

            return reader.EndScan();
        }

        private int Predict(ushort[] plane, long at, int x, bool firstLine)
        {
            if (firstLine)
            {
                return x == 0 ? _initial : plane[at - 1];
            }

            if (x == 0)
            {
                return plane[at - _width];
            }

            int ra = plane[at - 1], rb = plane[at - _width], rc = plane[at - _width - 1];
            return _predictor switch
            {
                1 => ra,
                2 => rb,
                3 => rc,
                4 => ra + rb - rc,
                5 => ra + ((rb - rc) >> 1),
                6 => rb + ((ra - rc) >> 1),
                7 => (ra + rb) >> 1,
                _ => 0,
            };
        }

        /// <summary>T.81 H.1.2.2: SSSS then SSSS extra bits; SSSS 16 means a difference of 32768 with no extra bits.</summary>
        private static int ReadDifference(ref JpegBitReader reader, HuffmanTable table)
        {
            var ssss = table.Decode(ref reader);
            if (ssss == 0)
            {
                return 0;
            }

            if (ssss == 16)
            {
                return 32768;
            }

            if (ssss > 16)
            {
                throw new InvalidDicomException($"JPEG lossless difference category {ssss} is above 16", -1);
            }

            var bits = reader.ReadBits(ssss);
            return bits < (1 << (ssss - 1)) ? bits - (1 << ssss) + 1 : bits;
        }
    }
}
