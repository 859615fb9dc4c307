using System.Text.Json;
using RadAnon.Core;
using RadAnon.Core.Profiles;
using RadAnon.Core.Provenance;
using RadAnon.Dicom;

namespace RadAnon.Cli;

/// <summary>
/// `radanon anonymize INPUT... -o OUTDIR [--profile NAME] [--config FILE] [--key KEYFILE] [--format same|dicom]`:
/// files and folders (recursively) to OUTDIR/&lt;relative path&gt;, each with &lt;base&gt;.report.json beside it, and
/// OUTDIR/failures.json listing inputs that failed with their problem type. Exit 0 all done, 1 some failed, 2 usage.
/// </summary>
internal static class AnonymizeCommand
{
    public static int Run(string[] args)
    {
        if (!TryParse(args, out var request, out var error))
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine(CommandLine.Usage);
            return ExitCodes.Usage;
        }

        ProfileConfiguration configuration;
        DeidentificationProfile profile;
        PseudonymKey key;
        try
        {
            configuration = request.ConfigPath is null ? ProfileConfiguration.Default : ProfileConfiguration.Load(request.ConfigPath);
            profile = configuration.Get(request.Profile);
            key = request.KeyPath is null ? PseudonymKey.CreateEphemeral() : PseudonymKey.FromText(File.ReadAllText(request.KeyPath));
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or IOException or JsonException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine("configuration: " + ex.Message);
            return ExitCodes.Usage;
        }

        var anonymizer = new Anonymizer(configuration);
        var failures = new List<Failure>();
        var done = 0;
        foreach (var (input, relative) in Expand(request.Inputs))
        {
            try
            {
                var result = anonymizer.AnonymizeDicom(File.ReadAllBytes(input), profile, key);
                var target = Path.Combine(request.OutputDirectory, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                var stem = target.EndsWith(".dcm", StringComparison.OrdinalIgnoreCase) ? target[..^4] : target;
                File.WriteAllBytes(stem + ".dcm", result.Output);
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
        Console.Error.WriteLine($"anonymized {done}, failed {failures.Count} (profile {profile.Name}, {(key.IsEphemeral ? "ephemeral key" : "project key")})");
        return failures.Count == 0 ? ExitCodes.Success : ExitCodes.SomeFailed;
    }

    private static string? ProblemType(Exception ex) => ex switch
    {
        DeidentificationRefusedException r => r.Reason,
        InvalidDicomException => "malformed",
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

    private static bool TryParse(string[] args, out Request request, out string error)
    {
        var inputs = new List<string>();
        string? output = null, profile = null, config = null, keyPath = null, format = "same";
        request = null!;
        error = string.Empty;
        for (var i = 0; i < args.Length; i++)
        {
            var hasValue = i + 1 < args.Length;
            switch (args[i])
            {
                case "-o" or "--output" when hasValue: output = args[++i]; break;
                case "--profile" when hasValue: profile = args[++i]; break;
                case "--config" when hasValue: config = args[++i]; break;
                case "--key" or "--key-file" when hasValue: keyPath = args[++i]; break;
                case "--format" when hasValue: format = args[++i]; break;
                default:
                    if (args[i].StartsWith('-'))
                    {
                        error = $"unknown or incomplete option '{args[i]}'";
                        return false;
                    }

                    inputs.Add(args[i]);
                    break;
            }
        }

        if (format is "png" or "jpeg")
        {
            error = $"--format {format} needs pixel cleaning (burned-in text), which has not landed; refusing rather than emitting uncleaned pixels";
            return false;
        }

        if (format is not ("same" or "dicom"))
        {
            error = $"--format must be same, dicom, png or jpeg; got '{format}'";
            return false;
        }

        if (inputs.Count == 0 || output is null)
        {
            error = "anonymize needs at least one INPUT and -o OUTDIR";
            return false;
        }

        if (inputs.FirstOrDefault(p => !File.Exists(p) && !Directory.Exists(p)) is { } missing)
        {
            error = $"input '{missing}' does not exist";
            return false;
        }

        request = new Request(inputs, output, profile ?? NamedProfiles.DefaultName, config, keyPath);
        return true;
    }

    private sealed record Request(IReadOnlyList<string> Inputs, string OutputDirectory, string Profile, string? ConfigPath, string? KeyPath);

    private sealed record Failure(string Input, string Type, string Message);
}
