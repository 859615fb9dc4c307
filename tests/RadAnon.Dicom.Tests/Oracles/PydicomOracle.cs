using System.Text.Json;
using RadAnon.TestSupport;

namespace RadAnon.Dicom.Tests.Oracles;

/// <summary>Runs pydicom once over every corpus DICOM file and keeps its normalised view of each.</summary>
internal static class PydicomOracle
{
    private static readonly Lazy<Dictionary<string, JsonElement>> Results = new(Run);

    public static JsonElement For(string fullPath) => Results.Value[fullPath];

    private static Dictionary<string, JsonElement> Run()
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Oracles", "pydicom_elements.py");
        var files = CorpusIndex.Dicom.Select(e => e.FullPath).ToList();
        var result = ExternalTool.Run(ExternalTool.SystemPython, [script, .. files], TimeSpan.FromMinutes(5));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("pydicom oracle failed: " + result.StandardError);
        }

        using var doc = JsonDocument.Parse(result.StandardOutput);
        return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
    }
}
