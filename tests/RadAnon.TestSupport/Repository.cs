namespace RadAnon.TestSupport;

/// <summary>Locates the checkout and the shared material beside it (../shared), wherever tests run from.</summary>
public static class Repository
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string SharedDirectory => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string CorpusDirectory => Path.Combine(SharedDirectory, "corpus");

    public static bool HasCorpus => File.Exists(Path.Combine(CorpusDirectory, "INDEX.tsv"));

    /// <summary>True when running under CI, where missing tools are failures rather than skips.</summary>
    public static bool IsCI => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RadAnon.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("cannot find RadAnon.sln above " + AppContext.BaseDirectory);
    }
}
