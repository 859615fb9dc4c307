using System.Collections.Concurrent;

namespace RadAnon.Core.Ocr;

/// <summary>Where Tesseract's data is and which language to load.</summary>
public sealed record TesseractOptions
{
    /// <summary>The tessdata directory; null means TESSDATA_PREFIX, then Debian's /usr/share/tesseract-ocr/5/tessdata.</summary>
    public string? TessdataPath { get; init; }

    public string Language { get; init; } = "eng";
}

/// <summary>
/// Tesseract behind <see cref="IOcr"/>: a pool of engines, each call borrowing an idle one, so there are only as many
/// as calls ever ran at once; all are disposed with this object. Construction checks the library and language data and
/// throws <see cref="OcrUnavailableException"/> when either is missing, so callers fail closed before touching pixels.
/// </summary>
/// <remarks>
/// Not one engine per thread: thread-pool threads come and go (the pool adds threads while parallel loops block, and
/// retires idle ones), and each new thread paid a full initialisation (hundreds of ms of CPU loading the model) in the
/// middle of an image. Which engine reads which crop was already arbitrary (parallel loops), and an engine keeps nothing
/// between calls that changes a reading (LSTM recognition), so any idle one will do.
/// </remarks>
public sealed class TesseractOcr : IOcr, IDisposable
{
    private readonly string tessdata;
    private readonly string language;
    private readonly ConcurrentStack<TesseractEngine> idle = new();
    private readonly ConcurrentQueue<TesseractEngine> all = new();
    private bool disposed;

    public TesseractOcr(TesseractOptions? options = null)
    {
        options ??= new TesseractOptions();
        TesseractLibrary.EnsureLoaded();
        language = options.Language;
        tessdata = TessdataLocator.Locate(options.TessdataPath, language);
        Version = TesseractEngine.Version;

        // Initialise the first engine now: a broken install fails here, not halfway through an image.
        idle.Push(Create());
    }

    public string Version { get; }

    /// <summary>How many engines the pool has created so far (at most the most calls that ever ran at once, and one).</summary>
    public int EngineCount => all.Count;

    public IReadOnlyList<OcrWord> Recognize(ReadOnlySpan<byte> gray8, int width, int height, int stride, OcrMode mode)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var engine = idle.TryPop(out var free) ? free : Create();
        try
        {
            return engine.Recognize(gray8, width, height, stride, mode);
        }
        finally
        {
            idle.Push(engine);
        }
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        foreach (var engine in all)
        {
            engine.Dispose();
        }
    }

    private TesseractEngine Create()
    {
        var engine = new TesseractEngine(tessdata, language);
        all.Enqueue(engine);
        return engine;
    }
}
