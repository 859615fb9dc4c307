using System.Globalization;
using System.Text.Json;
using RadAnon.Core;
using RadAnon.Core.Pixels.Text;

namespace RadAnon.Cli;

/// <summary>Parses and validates `radanon anonymize` arguments into <see cref="AnonymizeOptions"/>.</summary>
internal static class AnonymizeArguments
{
    public static bool TryParse(string[] args, out AnonymizeRequest request, out string error)
    {
        var inputs = new List<string>();
        string? output = null, profile = null, config = null, keyPath = null, regions = null, server = null, apiKey = null, jobsText = null;
        string format = "same", redact = "blur", markers = "keep", text = "all";
        var force = false;
        var burnOverlays = false;
        var timings = false;
        var durable = false;
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
                case "--redact" when hasValue: redact = args[++i]; break;
                case "--markers" when hasValue: markers = args[++i]; break;
                case "--text" when hasValue: text = args[++i]; break;
                case "--regions" when hasValue: regions = args[++i]; break;
                case "--jobs" or "-j" when hasValue: jobsText = args[++i]; break;
                case "--server" when hasValue: server = args[++i]; break;
                case "--api-key" when hasValue: apiKey = args[++i]; break;
                case "--force": force = true; break;
                case "--burn-overlays": burnOverlays = true; break;
                case "--timings": timings = true; break;
                case "--durable": durable = true; break;
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

        if (!TryEnum<OutputFormat>("--format", format, ["same", "dicom", "png", "jpeg", "png16"], out var outputFormat, ref error)
            || !TryEnum<RedactionMethod>("--redact", redact, ["blur", "fill"], out var method, ref error)
            || !TryEnum<MarkerPolicy>("--markers", markers, ["keep", "remove"], out var markerPolicy, ref error)
            || !TryEnum<TextPolicy>("--text", text, ["all", "identifying"], out var textPolicy, ref error))
        {
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

        var jobs = Environment.ProcessorCount;
        if (jobsText is not null && (!int.TryParse(jobsText, NumberStyles.None, CultureInfo.InvariantCulture, out jobs) || jobs is < 1 or > 256))
        {
            error = $"--jobs must be a whole number from 1 to 256; got '{jobsText}'";
            return false;
        }

        Uri? serverUri = null;
        if (server is not null)
        {
            if (!Uri.TryCreate(server, UriKind.Absolute, out serverUri) || serverUri.Scheme is not ("http" or "https"))
            {
                error = $"--server must be an http or https URL such as http://radanon.local:8080; got '{server}'";
                return false;
            }

            if (keyPath is not null || config is not null)
            {
                error = "--key and --config cannot be used with --server: the server pseudonymises with its own configured key and profiles";
                return false;
            }
        }
        else if (apiKey is not null)
        {
            error = "--api-key only applies with --server URL";
            return false;
        }

        IReadOnlyList<PixelBox> add = [], veto = [];
        if (regions is not null && !TryReadRegions(regions, out add, out veto, out error))
        {
            return false;
        }

        var options = new AnonymizeOptions
        {
            Profile = profile ?? "foamed",
            Format = outputFormat,
            Redact = method,
            Markers = markerPolicy,
            Text = textPolicy,
            AddRegions = add,
            VetoRegions = veto,
            Force = force,
            BurnOverlays = burnOverlays,
        };
        try
        {
            options.Validate();
        }
        catch (InvalidOptionsException ex)
        {
            error = ex.Message;
            return false;
        }

        request = new AnonymizeRequest(inputs, output, options, config, keyPath)
        {
            Jobs = jobs,
            Timings = timings,
            Durable = durable,
            Server = serverUri,
            ApiKey = apiKey ?? (serverUri is null ? null : Environment.GetEnvironmentVariable("RADANON_API_KEY")),
        };
        return true;
    }

    private static bool TryEnum<T>(string option, string value, string[] allowed, out T result, ref string error)
        where T : struct, Enum
    {
        var index = Array.IndexOf(allowed, value.ToLowerInvariant());
        if (index < 0)
        {
            result = default;
            error = $"{option} must be {string.Join(", ", allowed[..^1])} or {allowed[^1]}; got '{value}'";
            return false;
        }

        result = Enum.Parse<T>(allowed[index], ignoreCase: true);
        return true;
    }

    /// <summary>{"add":[{"x":..,"y":..,"width":..,"height":..}], "veto":[...]} in image coordinates.</summary>
    private static bool TryReadRegions(string path, out IReadOnlyList<PixelBox> add, out IReadOnlyList<PixelBox> veto, out string error)
    {
        add = [];
        veto = [];
        error = string.Empty;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            add = Boxes(doc.RootElement, "add");
            veto = Boxes(doc.RootElement, "veto");
            return true;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            error = $"--regions {path}: expected {{\"add\":[{{\"x\":0,\"y\":0,\"width\":10,\"height\":10}}],\"veto\":[...]}} ({ex.Message})";
            return false;
        }
    }

    private static List<PixelBox> Boxes(JsonElement root, string name) => root.TryGetProperty(name, out var list)
        ? list.EnumerateArray().Select(b => new PixelBox(
            b.GetProperty("x").GetInt32(), b.GetProperty("y").GetInt32(), b.GetProperty("width").GetInt32(), b.GetProperty("height").GetInt32())).ToList()
        : [];
}

/// <summary>A parsed `radanon anonymize` command line.</summary>
internal sealed record AnonymizeRequest(IReadOnlyList<string> Inputs, string OutputDirectory, AnonymizeOptions Options, string? ConfigPath, string? KeyPath)
{
    /// <summary>Images in flight at once (worker threads, each with its own OCR engine); the memory bound of the batch.</summary>
    public int Jobs { get; init; } = 1;

    /// <summary>--timings: print wall and CPU time per pipeline stage to stderr at the end (stage names and durations only).</summary>
    public bool Timings { get; init; }

    /// <summary>
    /// --durable: fsync every output and report before renaming it into place, so a power loss right after the run
    /// loses nothing. Off by default: resume re-verifies every output against its report's SHA-256 either way.
    /// </summary>
    public bool Durable { get; init; }

    /// <summary>A remote RadAnon server to do the work (POST /api/v1/anonymize/bundle); null to run the pipeline here.</summary>
    public Uri? Server { get; init; }

    /// <summary>Sent as X-API-Key to <see cref="Server"/>; from --api-key or RADANON_API_KEY.</summary>
    public string? ApiKey { get; init; }
}
