using RadAnon.SyntheticData.Anatomy;

namespace RadAnon.Core.Tests.Generators;

/// <summary>The text-free anatomy generator for "never paint" properties.</summary>
public sealed class AnatomyGeneratorTests
{
    [Theory]
    [InlineData(1, 8)]
    [InlineData(2, 12)]
    [InlineData(3, 16)]
    public void Generate_SameSeed_SamePixels_AtTheRequestedDepth(int seed, int bits)
    {
        var a = AnatomyGenerator.Generate(seed, bits);
        var b = AnatomyGenerator.Generate(seed, bits);

        Assert.Equal((1024, 1280), (a.Image.Width, a.Image.Height));
        Assert.Equal(bits, a.Image.BitsStored);
        Assert.Equal(a.Image.To8BitView(), b.Image.To8BitView());
        Assert.Equal(a.Structures, b.Structures);
    }

    [Fact]
    public void Generate_FiveSeeds_HoldEveryStructure_AndNoTruthBox()
    {
        var cases = Enumerable.Range(1, 5).Select(s => AnatomyGenerator.Generate(s)).ToList();

        Assert.All(Enum.GetValues<AnatomyStructure>(), s => Assert.Contains(cases, c => c.Structures.Contains(s)));
        Assert.All(cases, c => Assert.Empty(c.Truth));
    }

    [Fact]
    public void Generate_Image_HasStructureNotAFlatField()
    {
        var view = AnatomyGenerator.Generate(4).Image.To8BitView();
        var histogram = view.Distinct().Count();

        Assert.True(histogram > 100, $"{histogram} distinct levels");
    }

    [Fact]
    public void Generate_SixteenBit_UsesTheHighLevels()
    {
        var image = AnatomyGenerator.Generate(3, 16).Image;
        var max = 0;
        foreach (var v in image.Pixels16)
        {
            max = Math.Max(max, v);
        }

        Assert.True(max > 40_000, $"max {max}");
    }
}
