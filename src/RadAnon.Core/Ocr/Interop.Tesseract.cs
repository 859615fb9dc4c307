using System.Runtime.InteropServices;

namespace RadAnon.Core.Ocr;

/// <summary>
/// The Tesseract C API (capi.h) as far as RadAnon uses it. Debian ships only <c>libtesseract.so.5</c> without
/// the dev symlink, so <see cref="TesseractLibrary"/> resolves the name "tesseract" to the versioned file.
/// </summary>
internal static partial class Interop
{
    private const string Library = "tesseract";

    /// <summary>TessPageIteratorLevel.</summary>
    internal enum PageIteratorLevel
    {
        Block = 0,
        Paragraph = 1,
        TextLine = 2,
        Word = 3,
        Symbol = 4,
    }

    [LibraryImport(Library, EntryPoint = "TessVersion")]
    internal static partial IntPtr TessVersion();

    [LibraryImport(Library, EntryPoint = "TessBaseAPICreate")]
    internal static partial TessBaseApiHandle TessBaseAPICreate();

    [LibraryImport(Library, EntryPoint = "TessBaseAPIDelete")]
    internal static partial void TessBaseAPIDelete(IntPtr handle);

    [LibraryImport(Library, EntryPoint = "TessBaseAPIInit3", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int TessBaseAPIInit3(TessBaseApiHandle handle, string dataPath, string language);

    [LibraryImport(Library, EntryPoint = "TessBaseAPISetVariable", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int TessBaseAPISetVariable(TessBaseApiHandle handle, string name, string value);

    [LibraryImport(Library, EntryPoint = "TessBaseAPISetPageSegMode")]
    internal static partial void TessBaseAPISetPageSegMode(TessBaseApiHandle handle, int mode);

    [LibraryImport(Library, EntryPoint = "TessBaseAPISetImage")]
    internal static unsafe partial void TessBaseAPISetImage(TessBaseApiHandle handle, byte* imageData, int width, int height, int bytesPerPixel, int bytesPerLine);

    [LibraryImport(Library, EntryPoint = "TessBaseAPISetSourceResolution")]
    internal static partial void TessBaseAPISetSourceResolution(TessBaseApiHandle handle, int ppi);

    [LibraryImport(Library, EntryPoint = "TessBaseAPIRecognize")]
    internal static partial int TessBaseAPIRecognize(TessBaseApiHandle handle, IntPtr monitor);

    [LibraryImport(Library, EntryPoint = "TessBaseAPIClear")]
    internal static partial void TessBaseAPIClear(TessBaseApiHandle handle);

    [LibraryImport(Library, EntryPoint = "TessBaseAPIGetIterator")]
    internal static partial IntPtr TessBaseAPIGetIterator(TessBaseApiHandle handle);

    [LibraryImport(Library, EntryPoint = "TessResultIteratorDelete")]
    internal static partial void TessResultIteratorDelete(IntPtr iterator);

    [LibraryImport(Library, EntryPoint = "TessResultIteratorNext")]
    internal static partial int TessResultIteratorNext(IntPtr iterator, PageIteratorLevel level);

    [LibraryImport(Library, EntryPoint = "TessResultIteratorGetUTF8Text")]
    internal static partial IntPtr TessResultIteratorGetUTF8Text(IntPtr iterator, PageIteratorLevel level);

    [LibraryImport(Library, EntryPoint = "TessResultIteratorConfidence")]
    internal static partial float TessResultIteratorConfidence(IntPtr iterator, PageIteratorLevel level);

    [LibraryImport(Library, EntryPoint = "TessResultIteratorGetPageIteratorConst")]
    internal static partial IntPtr TessResultIteratorGetPageIteratorConst(IntPtr iterator);

    [LibraryImport(Library, EntryPoint = "TessPageIteratorBoundingBox")]
    internal static partial int TessPageIteratorBoundingBox(IntPtr pageIterator, PageIteratorLevel level, out int left, out int top, out int right, out int bottom);

    [LibraryImport(Library, EntryPoint = "TessDeleteText")]
    internal static partial void TessDeleteText(IntPtr text);
}
