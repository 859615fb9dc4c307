using System.Text.Json;
using RadAnon.TestSupport;

namespace RadAnon.Cli.Tests;

/// <summary>`radanon dicom decode` agrees with pydicom's pixel_array wherever pydicom can decode the file.</summary>
public sealed class DecodeOracleTests
{
    [ToolFact(ExternalTool.SystemPython)]
    public void Decode_EveryCorpusFilePydicomDecodes_MatchesPixelArray()
    {
        var dir = Directory.CreateTempSubdirectory("radanon-npy-");
        try
        {
            var pairs = new List<string>();
            var decoded = 0;
            foreach (var entry in CorpusIndex.Dicom.Where(e => e.Rows.Length > 0 && !e.IsMalformed))
            {
                var npy = Path.Combine(dir.FullName, decoded++ + ".npy");
                var result = Cli.Run("dicom", "decode", entry.FullPath, "-o", npy);
                if (result.ExitCode == 0)
                {
                    pairs.Add(entry.FullPath);
                    pairs.Add(npy);
                }
            }

            var script = Path.Combine(AppContext.BaseDirectory, "Oracles", "pydicom_pixels.py");
            var oracle = ExternalTool.Run(ExternalTool.SystemPython, [script, .. pairs], TimeSpan.FromMinutes(5));
            Assert.True(oracle.ExitCode == 0, oracle.StandardError);
            using var json = JsonDocument.Parse(oracle.StandardOutput);
            var results = json.RootElement.EnumerateObject().ToList();
            var different = results.Where(r => r.Value.GetProperty("status").GetString() == "different").ToList();
            var equal = results.Count(r => r.Value.GetProperty("status").GetString() == "equal");
            Assert.True(equal >= 40, $"only {equal} files compared equal; the oracle should cover the native corpus");
            Assert.True(different.Count == 0, string.Join('\n', different.Select(d => Path.GetRelativePath(Repository.CorpusDirectory, d.Name) + " " + d.Value.GetRawText())));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
