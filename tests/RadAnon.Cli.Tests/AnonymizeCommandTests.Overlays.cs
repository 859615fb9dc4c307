using System.Text.Json;
using RadAnon.TestSupport;

namespace RadAnon.Cli.Tests;

/// <summary>--burn-overlays on the corpus file whose overlays carry text, checked by pydicom.</summary>
public sealed partial class AnonymizeCommandTests
{
    private const string OverlayFile = "dcm4che/ovly_p01.dcm";

    /// <summary>
    /// ovly_p01 has text in bits 15 and 14 of its pixel words (groups 6000/6002) and in Overlay Data (6004/6006). With the
    /// basic profile (no text cleaning) every overlay pixel must come out at the image's maximum and nothing else may change.
    /// </summary>
    [ToolFact(ExternalTool.SystemPython)]
    public void BurnOverlays_BasicProfile_OnOvlyP01_DrawsEveryOverlayPixelWhite_No60xx_NoHighBits()
    {
        var check = OverlayCheck("basic");
        Assert.Equal(0, check.GetProperty("overlayGroups").GetInt32());
        Assert.Equal(0, check.GetProperty("highBits").GetInt32());
        var overlay = check.GetProperty("overlayPixels").GetInt32();
        Assert.True(overlay > 1000, $"only {overlay} overlay pixels found: the oracle did not read the planes");
        Assert.Equal(overlay, check.GetProperty("white").GetInt32());
        Assert.Equal(0, check.GetProperty("otherChanged").GetInt32());
    }

    /// <summary>With foamed the overlay text is burned, then found and redacted: no overlay pixel is left white.</summary>
    [ToolFact(ExternalTool.SystemPython)]
    public void BurnOverlays_FoamedProfile_OnOvlyP01_TextFromTheOverlaysIsRedacted()
    {
        var check = OverlayCheck("foamed");
        Assert.Equal(0, check.GetProperty("overlayGroups").GetInt32());
        Assert.Equal(0, check.GetProperty("highBits").GetInt32());
        var overlay = check.GetProperty("overlayPixels").GetInt32();
        Assert.True(overlay > 1000);
        Assert.Equal(0, check.GetProperty("white").GetInt32());

        // Redacted boxes (as reported, before the blur margin) hold nearly all of the overlay's pixels.
        Assert.True(check.GetProperty("uncovered").GetInt32() < overlay / 20, check.GetRawText());
    }

    private JsonElement OverlayCheck(string profile)
    {
        var input = Path.Combine(Repository.CorpusDirectory, OverlayFile);
        var result = Cli.Run("anonymize", input, "-o", _out, "--profile", profile, "--key", _keyFile, "--burn-overlays");
        Assert.True(result.ExitCode == 0, result.StandardError);
        var output = Directory.EnumerateFiles(_out, "ovly_p01.dcm", SearchOption.AllDirectories).Single();
        var report = Path.ChangeExtension(output, null) + ".report.json";
        using var doc = JsonDocument.Parse(File.ReadAllText(report));
        var overlays = doc.RootElement.GetProperty("overlays").EnumerateArray().Select(o => o.GetProperty("group").GetString() + ":" + o.GetProperty("source").GetString()).ToList();
        Assert.Equal(["6000:pixel-data-bit-15", "6002:pixel-data-bit-14", "6004:overlay-data", "6006:overlay-data"], overlays);

        var script = Path.Combine(AppContext.BaseDirectory, "Oracles", "pydicom_overlay_check.py");
        var run = ExternalTool.Run(ExternalTool.SystemPython, ["-W", "ignore", script, input, output, report], TimeSpan.FromMinutes(2));
        Assert.True(run.ExitCode == 0, run.StandardError);
        return JsonDocument.Parse(run.StandardOutput).RootElement.Clone();
    }
}
