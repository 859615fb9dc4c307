using System.Text.Json;

namespace RadAnon.Cli.Tests;

/// <summary>
/// One synthetic 24-input batch on disk, a project key, and a reference run of it (uninterrupted, --jobs 2, --force
/// because a few of these small images keep a residual region, which is not what these tests are about) that the
/// batch tests compare against.
/// </summary>
public sealed class BatchFixture : IDisposable
{
    public BatchFixture()
    {
        Root = Directory.CreateTempSubdirectory("radanon-batch-").FullName;
        Input = BatchInputs.WriteBatch(Path.Combine(Root, "batch"));
        KeyFile = Path.Combine(Root, "project.key");
        File.WriteAllText(KeyFile, "batch test project key 0123456789");
        Reference = Path.Combine(Root, "reference");
        var run = Cli.Run("anonymize", Input, "-o", Reference, "--key", KeyFile, "--jobs", "2", "--force");
        ReferenceRun = run;
        Assert.True(run.ExitCode == 0, run.StandardError + File.ReadAllText(Path.Combine(Reference, "failures.json")));
    }

    public string Root { get; }

    public string Input { get; }

    public string KeyFile { get; }

    public string Reference { get; }

    public TestSupport.ToolResult ReferenceRun { get; }

    public const int InputCount = 24;

    public string NewDirectory(string name) => Path.Combine(Root, name + "-" + Guid.NewGuid().ToString("N")[..6]);

    /// <summary>The anonymized files under a directory (reports and run files left out), by relative path.</summary>
    public static Dictionary<string, byte[]> Outputs(string directory) => Directory
        .EnumerateFiles(directory, "*", SearchOption.AllDirectories)
        .Where(f => !f.EndsWith(".report.json", StringComparison.Ordinal) && Path.GetDirectoryName(f) != directory)
        .ToDictionary(f => Path.GetRelativePath(directory, f), File.ReadAllBytes, StringComparer.Ordinal);

    public static JsonElement Summary(string directory) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "summary.json"))).RootElement.Clone();

    public static int Reports(string directory) =>
        Directory.Exists(directory) ? Directory.EnumerateFiles(directory, "*.report.json", SearchOption.AllDirectories).Count() : 0;

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

/// <summary>The batch tests share one fixture (and so one reference run).</summary>
[CollectionDefinition("batch")]
public sealed class BatchCollection : ICollectionFixture<BatchFixture>;
