namespace RadAnon.Dicom.Codecs.Jpeg;

/// <summary>One sequential DCT scan: Huffman-decodes each block, dequantises, runs the IDCT into the planes.</summary>
internal readonly ref struct DctScan
{
    private readonly int[] _components;
    private readonly HuffmanTable[] _dc;
    private readonly HuffmanTable[] _ac;
    private readonly int[][] _quantization;
    private readonly JpegFrameHeader _frame;
    private readonly ComponentPlanes _planes;
    private readonly int _restartInterval;

    public DctScan(JpegFrameHeader frame, ReadOnlySpan<byte> s, HuffmanTable?[] dc, HuffmanTable?[] ac, int[]?[] quantization, int restartInterval, ComponentPlanes planes)
    {
        if (s.Length < 1 || s[0] is 0 or > 4 || s.Length < 4 + (2 * s[0]))
        {
            throw new InvalidDicomException("JPEG scan header is truncated or declares no components", -1);
        }

        var count = s[0];
        _components = new int[count];
        _dc = new HuffmanTable[count];
        _ac = new HuffmanTable[count];
        _quantization = new int[count][];
        for (var i = 0; i < count; i++)
        {
            var id = s[1 + (2 * i)];
            var index = Array.FindIndex(frame.Components, c => c.Id == id);
            _components[i] = index >= 0 ? index : throw new InvalidDicomException($"JPEG scan names component {id}, which the frame does not have", -1);
            var tables = s[2 + (2 * i)];
            _dc[i] = HuffmanTable.Select(dc, tables >> 4, "DC");
            _ac[i] = HuffmanTable.Select(ac, tables & 15, "AC");
            var q = frame.Components[index].QuantizationTable;
            _quantization[i] = q < 4 && quantization[q] is { } table ? table : throw new InvalidDicomException($"JPEG component {id} uses quantisation table {q}, which is not defined", -1);
        }

        _frame = frame;
        _planes = planes;
        _restartInterval = restartInterval;
    }

    /// <returns>The position just after the scan's entropy-coded data.</returns>
    public int Run(ReadOnlySpan<byte> stream, int position)
    {
        var reader = new JpegBitReader(stream, position);
        Span<int> predictors = stackalloc int[_components.Length];
        var coefficients = new int[64];
        var workspace = new int[64];
        var interleaved = _components.Length > 1;
        int mcusPerLine, mcusPerColumn;
        if (interleaved)
        {
            mcusPerLine = _planes.McusPerLine;
            mcusPerColumn = _planes.McusPerColumn;
        }
        else
        {
            // A non-interleaved scan covers just the component's own blocks (T.81 A.2.2).
            var c = _frame.Components[_components[0]];
            var width = ((_frame.SamplesPerLine * c.Horizontal) + _frame.MaxHorizontal - 1) / _frame.MaxHorizontal;
            var height = ((_frame.Lines * c.Vertical) + _frame.MaxVertical - 1) / _frame.MaxVertical;
            mcusPerLine = (width + 7) / 8;
            mcusPerColumn = (height + 7) / 8;
        }

        var mcu = 0;
        var restarts = 0;
        for (var my = 0; my < mcusPerColumn; my++)
        {
            for (var mx = 0; mx < mcusPerLine; mx++)
            {
                if (_restartInterval > 0 && mcu > 0 && mcu % _restartInterval == 0)
                {
                    reader.Restart(restarts++ & 7);
                    predictors.Clear();
                }

                for (var i = 0; i < _components.Length; i++)
                {
                    var component = _frame.Components[_components[i]];
                    var (h, v) = interleaved ? (component.Horizontal, component.Vertical) : (1, 1);
                    for (var by = 0; by < v; by++)
                    {
                        for (var bx = 0; bx < h; bx++)
                        {
                            DecodeBlock(ref reader, i, ref predictors[i], coefficients);
                            var index = _components[i];
                            var stride = _planes.Strides[index];
                            var x = ((mx * h) + bx) * 8;
                            var y = ((my * v) + by) * 8;
                            IntegerIdct.Transform(coefficients, _quantization[i], workspace, _planes.Planes[index].AsSpan((y * stride) + x), stride, _frame.Precision);
                        }
                    }
                }

                mcu++;
            }
        }

        return reader.EndScan();
    }

    private void DecodeBlock(ref JpegBitReader reader, int i, ref int predictor, int[] coefficients)
    {
        Array.Clear(coefficients);
        var t = _dc[i].Decode(ref reader);
        if (t > 16)
        {
            throw new InvalidDicomException($"JPEG DC difference category {t} is above 16", -1);
        }

        predictor += Extend(reader.ReadBits(t), t);
        coefficients[0] = predictor;
        for (var k = 1; k < 64;)
        {
            var rs = _ac[i].Decode(ref reader);
            var run = rs >> 4;
            var size = rs & 15;
            if (size == 0)
            {
                if (run != 15)
                {
                    break;
                }

                k += 16;
                continue;
            }

            k += run;
            if (k > 63)
            {
                throw new InvalidDicomException("JPEG block has more than 64 coefficients", -1);
            }

            coefficients[ZigZag.Natural[k++]] = Extend(reader.ReadBits(size), size);
        }
    }

    private static int Extend(int bits, int size) => size == 0 ? 0 : bits < (1 << (size - 1)) ? bits - (1 << size) + 1 : bits;
}
