namespace RadAnon.Core.Ocr;

/// <summary>Where Tesseract's data is and which language to load.</summary>
public sealed record TesseractOptions
{
    /// <summary>The tessdata directory; null means TESSDATA_PREFIX, then Debian's /usr/share/tesseract-ocr/5/tessdata.</summary>
    public string? TessdataPath { get; init; }

    public string Language { get; init; } = "eng";
}

/// <summary>
/// Tesseract behind <see cref="IOcr"/>: a pool of one engine per thread, each initialised once on first use
/// and disposed with this object. Construction checks the library and language data and throws
/// <see cref="OcrUnavailableException"/> when either is missing, so callers fail closed before touching pixels.
/// </summary>
public sealed class TesseractOcr : IOcr, IDisposable
{
    private readonly string tessdata;
    private readonly string language;
    private readonly ThreadLocal<TesseractEngine> engines;
    private bool disposed;

    public TesseractOcr(TesseractOptions? options = null)
    {
        options ??= new TesseractOptions();
        TesseractLibrary.EnsureLoaded();
        language = options.Language;
        tessdata = TessdataLocator.Locate(options.TessdataPath, language);
        Version = TesseractEngine.Version;
        engines = new ThreadLocal<TesseractEngine>(() => new TesseractEngine(tessdata, language), trackAllValues: true);

        // Initialise the calling thread's engine now: a broken install fails here, not halfway through an image.
        _ = engines.Value;
    }

    public string Version { get; }

    /// <summary>How many engines the pool has created so far (one per thread that used it).</summary>
    public int EngineCount => engines.Values.Count;

    public IReadOnlyList<OcrWord> Recognize(ReadOnlySpan<byte> gray8, int width, int height, int stride, OcrMode mode)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return engines.Value!.Recognize(gray8, width, height, stride, mode);
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        foreach (var engine in engines.Values)
        {
            engine.Dispose();
        }

        engines.Dispose();
    }
}
