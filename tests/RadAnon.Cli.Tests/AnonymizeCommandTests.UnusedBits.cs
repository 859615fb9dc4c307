using System.Text.Json;
using RadAnon.TestSupport;

namespace RadAnon.Cli.Tests;

/// <summary>Header-only profiles write the pixel data back; what hides in the unused bits of its words must not survive.</summary>
public sealed partial class AnonymizeCommandTests
{
    /// <summary>
    /// Regression: under basic (no pixel cleaning, no burnOverlays) the 6000/6002 descriptions of ovly_p01's embedded
    /// overlays were removed but their text stayed in bits 15 and 14 of the pixel words, visible to any reader that does
    /// not mask. Now those bits are cleared, every stored 12-bit value is kept, and the report says so (no values).
    /// </summary>
    [ToolFact(ExternalTool.SystemPython)]
    public void HeaderOnlyProfile_OnOvlyP01_ClearsEmbeddedOverlayBits_KeepsEveryStoredValue()
    {
        var (check, report) = UnusedBitsCheck(OverlayFile, "ovly_p01.dcm");
        Assert.True(check.GetProperty("inputOutsideBits").GetInt32() > 1000, check.GetRawText()); // the oracle sees the overlay in the input
        Assert.Equal(0, check.GetProperty("outputOutsideBits").GetInt32());
        Assert.Equal(0, check.GetProperty("storedChanged").GetInt32());
        Assert.Equal(0, check.GetProperty("overlayGroups").GetInt32());

        var overlays = report.GetProperty("overlays").EnumerateArray()
            .Select(o => $"{o.GetProperty("group").GetString()}:{o.GetProperty("source").GetString()}:{o.GetProperty("action").GetString()}").ToList();
        Assert.Equal(["6000:pixel-data-bit-15:cleared", "6002:pixel-data-bit-14:cleared"], overlays);
        Assert.Contains(report.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("outside the stored bits 0-11", StringComparison.Ordinal));
    }

    /// <summary>
    /// mlut_18 is signed 12-in-16 with both usual conventions above HighBit (clear, and sign-extended): neither carries
    /// anything beyond the value, so the words are written back byte for byte (naive readers see the same numbers).
    /// </summary>
    [ToolFact(ExternalTool.SystemPython)]
    public void HeaderOnlyProfile_SignedDataWithConventionalHighBits_IsWrittenBackUnchanged()
    {
        var (check, report) = UnusedBitsCheck("pydicom-data/mlut_18.dcm", "mlut_18.dcm");
        Assert.True(check.GetProperty("inputOutsideBits").GetInt32() > 0, check.GetRawText());
        Assert.True(check.GetProperty("rawIdentical").GetBoolean(), check.GetRawText());
        Assert.False(report.TryGetProperty("overlays", out _));
    }

    private (JsonElement Check, JsonElement Report) UnusedBitsCheck(string corpusFile, string outputName)
    {
        var input = Path.Combine(Repository.CorpusDirectory, corpusFile);
        var result = Cli.Run("anonymize", input, "-o", _out, "--profile", "basic", "--key", _keyFile);
        Assert.True(result.ExitCode == 0, result.StandardError);
        var output = Directory.EnumerateFiles(_out, outputName, SearchOption.AllDirectories).Single();
        using var report = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(output, null) + ".report.json"));
        var script = Path.Combine(AppContext.BaseDirectory, "Oracles", "pydicom_unused_bits_check.py");
        var run = ExternalTool.Run(ExternalTool.SystemPython, ["-W", "ignore", script, input, output], TimeSpan.FromMinutes(2));
        Assert.True(run.ExitCode == 0, run.StandardError);
        return (JsonDocument.Parse(run.StandardOutput).RootElement.Clone(), report.RootElement.Clone());
    }
}
