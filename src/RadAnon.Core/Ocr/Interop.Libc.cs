using System.Runtime.InteropServices;

namespace RadAnon.Core.Ocr;

/// <summary>The C library, for the one environment variable that must be set natively before libtesseract loads.</summary>
internal static partial class LibcInterop
{
    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int SetEnv(string name, string value, int overwrite);
}
