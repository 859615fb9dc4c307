using RadAnon.Core.Pixels.Text.Learned;

namespace RadAnon.Core.Tests.Pixels.Text.Learned;

public sealed class TextModelFileTests
{
    [Fact]
    public void Load_MissingModel_FailsClosedNamingTheInstallScript()
    {
        var missing = Path.Combine(Path.GetTempPath(), "radanon-no-such-model-" + Guid.NewGuid().ToString("N"), TextModelFile.FileName);

        var ex = Assert.Throws<TextModelUnavailableException>(() => TextModelFile.Load(missing));

        Assert.Contains("install-text-model.sh", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FileWithAnotherHash_IsRefused()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, new byte[1024]);

            var ex = Assert.Throws<TextModelUnavailableException>(() => DbNetTextDetector.Load(path));

            Assert.Contains("SHA-256", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Locate_InstalledModel_IsFoundAndHasThePinnedHash()
    {
        var bytes = TextModelFile.Load();

        Assert.Equal(4_745_517, bytes.Length);
    }

    [Fact]
    public void LazyDetector_MissingModel_ThrowsOnUseAndAgainLater()
    {
        using var lazy = new LazyTextDetector(Path.Combine(Path.GetTempPath(), "radanon-missing", TextModelFile.FileName));

        Assert.Throws<TextModelUnavailableException>(() => lazy.ModelId);
        Assert.Throws<TextModelUnavailableException>(() => lazy.Detect(new byte[64], 8, 8, []));
    }
}
