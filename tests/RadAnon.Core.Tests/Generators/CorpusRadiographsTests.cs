using RadAnon.SyntheticData.Captures;
using RadAnon.TestSupport;

namespace RadAnon.Core.Tests.Generators;

/// <summary>The real radiographs used as viewport anatomy: only text-free files with pixel data, rendered by our code.</summary>
public sealed class CorpusRadiographsTests
{
    [CorpusFact]
    public void Eligible_AreTextFreeRadiographsWithPixelData_PerTheCorpusIndex()
    {
        var eligible = CorpusRadiographs.Eligible;

        Assert.NotEmpty(eligible);
        Assert.All(eligible, path =>
        {
            var entry = CorpusIndex.Get(path);
            Assert.False(entry.HasBurnedInText, path);
            Assert.Contains(entry.Modality, new[] { "CR", "DX", "MG", "XA", "RF", "CT", "MR" });
            Assert.StartsWith("rendered", entry.Notes, StringComparison.Ordinal);
        });
        Assert.Contains(eligible, p => CorpusIndex.Get(p).Modality is "CR" or "XA" or "RF");
    }

    [CorpusFact]
    public void Pick_RendersAnEightBitImageOfTheFilesSize()
    {
        var picked = CorpusRadiographs.Pick(3);

        Assert.NotNull(picked);
        var entry = CorpusIndex.Get(picked.Value.Path);
        Assert.Equal(8, picked.Value.Image.BitsStored);
        Assert.Equal(entry.Rows, picked.Value.Image.Height.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
