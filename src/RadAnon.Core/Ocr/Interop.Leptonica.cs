using System.Runtime.InteropServices;

namespace RadAnon.Core.Ocr;

/// <summary>Leptonica (libtesseract's image library), resolved by <see cref="TesseractLibrary"/>: only its message level.</summary>
internal static partial class LeptonicaInterop
{
    /// <summary>Sets the least severity Leptonica prints; returns the previous one.</summary>
    [LibraryImport("leptonica", EntryPoint = "setMsgSeverity")]
    internal static partial int SetMsgSeverity(int severity);
}
