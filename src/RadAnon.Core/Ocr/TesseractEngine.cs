using System.Runtime.InteropServices;

namespace RadAnon.Core.Ocr;

/// <summary>
/// One initialised TessBaseAPI. Not thread-safe: <see cref="TesseractOcr"/> keeps one per thread. Nothing
/// outside Ocr/ sees this type.
/// </summary>
internal sealed class TesseractEngine : IDisposable
{
    private readonly TessBaseApiHandle handle;

    public TesseractEngine(string tessdataDirectory, string language)
    {
        TesseractLibrary.EnsureLoaded();
        handle = Interop.TessBaseAPICreate();
        if (handle.IsInvalid)
        {
            throw new OcrUnavailableException("TessBaseAPICreate returned null; libtesseract is unusable");
        }

        if (Interop.TessBaseAPIInit3(handle, tessdataDirectory, language) != 0)
        {
            handle.Dispose();
            throw new OcrUnavailableException(
                $"Tesseract could not initialise language '{language}' from {tessdataDirectory}; reinstall tesseract-ocr-{language}");
        }

        // Crops are handed over without a resolution; say so once instead of a warning per call.
        Interop.TessBaseAPISetVariable(handle, "debug_file", "/dev/null");
    }

    public static string Version
    {
        get
        {
            TesseractLibrary.EnsureLoaded();
            return Marshal.PtrToStringUTF8(Interop.TessVersion()) ?? "unknown";
        }
    }

    public unsafe IReadOnlyList<OcrWord> Recognize(ReadOnlySpan<byte> gray8, int width, int height, int stride, OcrMode mode)
    {
        ObjectDisposedException.ThrowIf(handle.IsClosed, this);
        if (width <= 0 || height <= 0 || stride < width || gray8.Length < ((long)stride * (height - 1)) + width)
        {
            throw new ArgumentException("buffer does not hold the stated geometry", nameof(gray8));
        }

        Interop.TessBaseAPISetPageSegMode(handle, ToPageSegMode(mode));

        // A second, inverted recognition of uncertain lines is only worth its cost (10-35 % of the call) where the
        // text's polarity is unknown: whole areas. Line, word and character crops arrive dark on white already.
        Interop.TessBaseAPISetVariable(handle, "tessedit_do_invert", mode is OcrMode.SparseText or OcrMode.Auto or OcrMode.SingleBlock ? "1" : "0");
        fixed (byte* p = gray8)
        {
            // SetImage copies the pixels, so the pin only has to last for the call.
            Interop.TessBaseAPISetImage(handle, p, width, height, 1, stride);
        }

        Interop.TessBaseAPISetSourceResolution(handle, 300);
        var words = new List<OcrWord>();
        try
        {
            if (Interop.TessBaseAPIRecognize(handle, IntPtr.Zero) != 0)
            {
                return words;
            }

            var iterator = Interop.TessBaseAPIGetIterator(handle);
            if (iterator == IntPtr.Zero)
            {
                return words;
            }

            try
            {
                ReadWords(iterator, words);
            }
            finally
            {
                Interop.TessResultIteratorDelete(iterator);
            }
        }
        finally
        {
            Interop.TessBaseAPIClear(handle);
        }

        return words;
    }

    public void Dispose() => handle.Dispose();

    private static void ReadWords(IntPtr iterator, List<OcrWord> words)
    {
        const Interop.PageIteratorLevel level = Interop.PageIteratorLevel.Word;
        var page = Interop.TessResultIteratorGetPageIteratorConst(iterator);
        do
        {
            var textPtr = Interop.TessResultIteratorGetUTF8Text(iterator, level);
            if (textPtr == IntPtr.Zero)
            {
                continue;
            }

            string text;
            try
            {
                text = (Marshal.PtrToStringUTF8(textPtr) ?? string.Empty).Trim();
            }
            finally
            {
                Interop.TessDeleteText(textPtr);
            }

            if (text.Length == 0 || Interop.TessPageIteratorBoundingBox(page, level, out var l, out var t, out var r, out var b) == 0)
            {
                continue;
            }

            var confidence = Interop.TessResultIteratorConfidence(iterator, level);
            words.Add(new OcrWord(text, l, t, r - l, b - t, confidence));
        }
        while (Interop.TessResultIteratorNext(iterator, level) != 0);
    }

    private static int ToPageSegMode(OcrMode mode) => mode switch
    {
        OcrMode.SingleBlock => 6,
        OcrMode.SingleLine => 7,
        OcrMode.SingleWord => 8,
        OcrMode.SparseText => 11,
        OcrMode.SingleCharacter => 10,
        OcrMode.Auto => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };
}
