using System.Reflection;
using System.Runtime.InteropServices;

namespace RadAnon.Core.Ocr;

/// <summary>
/// Loads libtesseract once. Debian's runtime package has only the versioned <c>libtesseract.so.5</c>, which the
/// default probing for "tesseract" does not find, so this assembly gets a resolver for that one name.
/// </summary>
internal static class TesseractLibrary
{
    private static readonly string[] Candidates = ["libtesseract.so.5", "libtesseract.so", "tesseract"];

    /// <summary>Leptonica, which libtesseract links: Debian bookworm's soname, then trixie's.</summary>
    private static readonly string[] LeptonicaCandidates = ["liblept.so.5", "libleptonica.so.6", "liblept.so", "libleptonica.so"];

    /// <summary>L_SEVERITY_NONE in Leptonica's environ.h.</summary>
    private const int LeptonicaSeverityNone = 6;

    private static IntPtr _leptonica;
    private static readonly Lazy<IntPtr> Handle = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The dynamic loader's reason for the first candidate, e.g. a dependency (leptonica, libopenjp2) that is missing.</summary>
    private static string _loaderMessage = string.Empty;

    /// <summary>Loads the library or throws <see cref="OcrUnavailableException"/>.</summary>
    public static void EnsureLoaded()
    {
        if (Handle.Value == IntPtr.Zero)
        {
            throw new OcrUnavailableException(
                $"libtesseract.so.5 cannot be loaded ({_loaderMessage}); install the Debian packages tesseract-ocr and tesseract-ocr-eng and their dependencies");
        }
    }

    private static IntPtr Load()
    {
        // Debian's libtesseract uses OpenMP; RadAnon already runs one engine per thread, and OpenMP teams inside each
        // call only oversubscribe the cores. libgomp reads this once when it loads, so it must be in the native
        // environment first; a value the operator set wins (overwrite = 0).
        if (OperatingSystem.IsLinux())
        {
            _ = LibcInterop.SetEnv("OMP_THREAD_LIMIT", "1", 0);
        }

        foreach (var name in Candidates)
        {
            if (NativeLibrary.TryLoad(name, out var handle))
            {
                NativeLibrary.SetDllImportResolver(typeof(TesseractLibrary).Assembly, Resolve);
                SilenceLeptonica();
                return handle;
            }
        }

        _loaderMessage = LoaderMessage(Candidates[0]);
        return IntPtr.Zero;
    }

    /// <summary>What dlopen said (a library path and reason; never data), trimmed to one line.</summary>
    private static string LoaderMessage(string name)
    {
        try
        {
            NativeLibrary.Free(NativeLibrary.Load(name));
            return "it loaded on a second attempt";
        }
        catch (DllNotFoundException ex)
        {
            // .NET wraps dlerror in advice about strace and LD_DEBUG; the loader's own words come after the last colon-space run.
            var line = ex.Message.ReplaceLineEndings(" ");
            var marker = line.LastIndexOf("variable:", StringComparison.Ordinal);
            line = (marker >= 0 ? line[(marker + "variable:".Length)..] : line).Trim();
            return line.Length > 300 ? line[..300] : line;
        }
    }

    /// <summary>
    /// Leptonica prints its own errors to stderr ("Error in boxClipToRectangle: box outside rectangle" when a word box
    /// touches a crop's edge): harmless for us, alarming in a CLI run or a service log, and outside our logging. They
    /// carry no image content; Tesseract's results are what RadAnon acts on. Best effort: a library not found stays loud.
    /// </summary>
    private static void SilenceLeptonica()
    {
        foreach (var name in LeptonicaCandidates)
        {
            if (NativeLibrary.TryLoad(name, out _leptonica))
            {
                try
                {
                    _ = LeptonicaInterop.SetMsgSeverity(LeptonicaSeverityNone);
                }
                catch (EntryPointNotFoundException)
                {
                    // An unexpected Leptonica without the setting: its messages stay on stderr.
                }

                return;
            }
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) => libraryName switch
    {
        "tesseract" => Handle.Value,
        "leptonica" => _leptonica,
        _ => IntPtr.Zero,
    };
}
