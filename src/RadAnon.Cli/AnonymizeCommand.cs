using System.Diagnostics;
using System.Text.Json;
using RadAnon.Core;
using RadAnon.Core.Ocr;
using RadAnon.Core.Pixels.Text;
using RadAnon.Core.Profiles;
using RadAnon.Core.Provenance;
using RadAnon.Core.Raster;
using RadAnon.Dicom;

namespace RadAnon.Cli;

/// <summary>
/// `radanon anonymize INPUT... -o OUTDIR [--profile NAME] [--config FILE] [--key KEYFILE] [--format same|dicom|png|jpeg|png16]
/// [--redact blur|fill] [--markers keep|remove] [--text all|identifying] [--regions FILE.json] [--force]`:
/// DICOM, PNG and JPEG files and folders (recursively) to OUTDIR/&lt;relative path&gt;, each with &lt;base&gt;.report.json beside
/// it, and OUTDIR/failures.json listing inputs that failed with their problem type. Exit 0 all done, 1 some failed, 2 usage.
/// </summary>
internal static class AnonymizeCommand
{
    private static readonly string[] KnownExtensions = [".dcm", ".dicom", ".png", ".jpg", ".jpeg"];

    public static int Run(string[] args)
    {
        if (!AnonymizeArguments.TryParse(args, out var request, out var error))
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine(CommandLine.Usage);
            return ExitCodes.Usage;
        }

        ProfileConfiguration configuration;
        PseudonymKey key;
        try
        {
            configuration = request.ConfigPath is null ? ProfileConfiguration.Default : ProfileConfiguration.Load(request.ConfigPath);
            _ = configuration.Get(request.Options.Profile);
            key = request.KeyPath is null ? PseudonymKey.CreateEphemeral() : PseudonymKey.FromText(File.ReadAllText(request.KeyPath));
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or IOException or JsonException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine("configuration: " + ex.Message);
            return ExitCodes.Usage;
        }

        using var ocr = OpenOcr();
        var anonymizer = new Anonymizer(ocr, configuration);
        var failures = new List<Failure>();
        var done = 0;
        var clock = Stopwatch.StartNew();
        foreach (var (input, relative) in Expand(request.Inputs))
        {
            try
            {
                var result = anonymizer.Anonymize(File.ReadAllBytes(input), request.Options, key);
                var target = Path.Combine(request.OutputDirectory, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                var stem = KnownExtensions.FirstOrDefault(e => target.EndsWith(e, StringComparison.OrdinalIgnoreCase)) is { } ext ? target[..^ext.Length] : target;
                File.WriteAllBytes(stem + result.FileExtension, result.Output);
                File.WriteAllText(stem + ".report.json", ProvenanceJson.Serialize(result.Report));
                done++;
            }
            catch (Exception ex) when (ProblemType(ex) is { } type)
            {
                failures.Add(new Failure(relative, type, ex.Message));
            }
        }

        Directory.CreateDirectory(request.OutputDirectory);
        File.WriteAllText(Path.Combine(request.OutputDirectory, "failures.json"),
            JsonSerializer.Serialize(failures, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
        Console.Error.WriteLine(FormattableString.Invariant(
            $"anonymized {done}, failed {failures.Count} in {clock.Elapsed.TotalSeconds:0.0} s (profile {request.Options.Profile}, {(key.IsEphemeral ? "ephemeral key" : "project key")})"));
        return failures.Count == 0 ? ExitCodes.Success : ExitCodes.SomeFailed;
    }

    /// <summary>Tesseract, or (when it is not installed) an engine that fails closed on first use, so header-only work still runs.</summary>
    private static OcrOwner OpenOcr()
    {
        try
        {
            return new OcrOwner(new TesseractOcr());
        }
        catch (OcrUnavailableException ex)
        {
            return new OcrOwner(new UnavailableOcr(ex.Message));
        }
    }

    private static string? ProblemType(Exception ex) => ex switch
    {
        DeidentificationRefusedException r => r.Reason,
        ResidualTextException => "residual-text",
        OcrUnavailableException => "ocr-unavailable",
        InvalidOptionsException => "invalid-options",
        InvalidDicomException => "malformed",
        InvalidImageException => "invalid-image",
        ImageTooLargeException => "image-too-large",
        UnsupportedTransferSyntaxException => "unsupported-transfer-syntax",
        UnsupportedPixelDataException => "unsupported-pixel-data",
        IOException or UnauthorizedAccessException => "io",
        InvalidOperationException => "unwritable",
        _ => null,
    };

    /// <summary>Each input file with its output path relative to OUTDIR: a folder's files keep their path below it.</summary>
    private static IEnumerable<(string Input, string Relative)> Expand(IReadOnlyList<string> inputs)
    {
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                var root = Path.GetFullPath(input);
                foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    yield return (file, Path.Combine(Path.GetFileName(root.TrimEnd(Path.DirectorySeparatorChar)), Path.GetRelativePath(root, file)));
                }
            }
            else
            {
                yield return (input, Path.GetFileName(input));
            }
        }
    }

    private sealed record Failure(string Input, string Type, string Message);

    /// <summary>Owns the OCR engine for the run.</summary>
    private sealed class OcrOwner(IOcr ocr) : IOcr, IDisposable
    {
        public string Version => ocr.Version;

        public IReadOnlyList<OcrWord> Recognize(ReadOnlySpan<byte> gray8, int width, int height, int stride, OcrMode mode) =>
            ocr.Recognize(gray8, width, height, stride, mode);

        public void Dispose() => (ocr as IDisposable)?.Dispose();
    }

    private sealed class UnavailableOcr(string reason) : IOcr
    {
        public string Version => "unavailable";

        public IReadOnlyList<OcrWord> Recognize(ReadOnlySpan<byte> gray8, int width, int height, int stride, OcrMode mode) =>
            throw new OcrUnavailableException(reason);
    }
}
