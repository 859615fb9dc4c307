using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using NetVips;

namespace RadAnon.Core.Pixels.Text.Learned;

/// <summary>
/// PP-OCRv4's mobile text detector (DBNet, ONNX) run with ONNX Runtime. Each pass of the <see cref="LearnedDetectorSettings"/>
/// plan resizes the image (or a tile of it) to a multiple of 32 pixels, normalises it as the model was trained
/// (ImageNet mean and deviation, three equal channels for a gray view) and keeps the probability map it returns.
/// One instance is safe to use from several threads (ONNX Runtime sessions are).
/// </summary>
public sealed class DbNetTextDetector : ILearnedTextDetector, IDisposable
{
    private static readonly float[] Mean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] Deviation = [0.229f, 0.224f, 0.225f];

    private readonly InferenceSession session;
    private readonly string inputName;
    private readonly LearnedDetectorSettings settings;

    private DbNetTextDetector(InferenceSession session, LearnedDetectorSettings settings)
    {
        this.session = session;
        this.settings = settings;
        inputName = session.InputMetadata.Keys.Single();
    }

    public string ModelId => TextModelFile.ModelId;

    /// <summary>Loads the installed model (see <see cref="TextModelFile"/>); throws <see cref="TextModelUnavailableException"/> when it cannot.</summary>
    public static DbNetTextDetector Load(string? modelPath = null, LearnedDetectorSettings? settings = null)
    {
        var model = TextModelFile.Load(modelPath);
        try
        {
            using var options = new SessionOptions
            {
                IntraOpNumThreads = Environment.ProcessorCount,
                InterOpNumThreads = 1,
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
                LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
            };
            return new DbNetTextDetector(new InferenceSession(model, options), settings ?? LearnedDetectorSettings.Default);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new TextModelUnavailableException("ONNX Runtime cannot load the text detector model: " + ex.Message, ex);
        }
        catch (DllNotFoundException ex)
        {
            throw new TextModelUnavailableException("the ONNX Runtime native library cannot be loaded: " + ex.Message, ex);
        }
    }

    public LearnedDetectorSettings Settings => settings;

    public TextProbabilityMap Detect(ReadOnlySpan<byte> view, int width, int height, IReadOnlyList<LearnedPass> passes)
    {
        ArgumentNullException.ThrowIfNull(passes);
        if (view.Length != width * height)
        {
            throw new ArgumentException($"a {width}x{height} view needs {width * height} bytes, not {view.Length}", nameof(view));
        }

        var boxes = new List<LearnedTextBox>();
        foreach (var pass in passes)
        {
            boxes.AddRange(MapBoxes.Find(Run(view, width, pass), settings));
        }

        return new TextProbabilityMap(width, height, passes.Count, boxes);
    }

    public void Dispose() => session.Dispose();

    /// <summary>One pass: its part of the view (only those rows are copied), resized to the model's input, then inferred.</summary>
    private ProbabilityLayer Run(ReadOnlySpan<byte> view, int width, LearnedPass pass)
    {
        using var crop = Image.NewFromMemory(Rows(view, width, pass.Source), pass.Source.Width, pass.Source.Height, 1, Enums.BandFormat.Uchar);
        using var sized = crop.Resize(pass.Width / (double)pass.Source.Width, vscale: pass.Height / (double)pass.Source.Height, kernel: Enums.Kernel.Linear);
        var pixels = sized.WriteToMemory<byte>();
        var tensor = new DenseTensor<float>([1, 3, pass.Height, pass.Width]);
        Normalise(pixels, tensor.Buffer.Span, pass.Width * pass.Height);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(inputName, tensor)]);
        var map = results[0].AsEnumerable<float>();
        var probability = new byte[pass.Width * pass.Height];
        var i = 0;
        foreach (var p in map)
        {
            probability[i++] = (byte)Math.Clamp((int)((p * 255) + 0.5f), 0, 255);
        }

        return new ProbabilityLayer(probability, pass.Width, pass.Height, pass.Source, pass.Width / (double)pass.Source.Width, pass.Height / (double)pass.Source.Height);
    }

    private static byte[] Rows(ReadOnlySpan<byte> view, int width, PixelBox box)
    {
        var rows = new byte[box.Width * box.Height];
        for (var y = 0; y < box.Height; y++)
        {
            view.Slice(((box.Y + y) * width) + box.X, box.Width).CopyTo(rows.AsSpan(y * box.Width, box.Width));
        }

        return rows;
    }

    private static void Normalise(byte[] gray, Span<float> planes, int count)
    {
        for (var c = 0; c < 3; c++)
        {
            var plane = planes.Slice(c * count, count);
            var scale = 1f / (255f * Deviation[c]);
            var offset = Mean[c] / Deviation[c];
            for (var i = 0; i < count; i++)
            {
                plane[i] = (gray[i] * scale) - offset;
            }
        }
    }
}
