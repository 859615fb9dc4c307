namespace RadAnon.TestSupport;

/// <summary>A fact that needs ../shared/corpus; it skips with a message when the corpus is absent.</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        if (!Repository.HasCorpus)
        {
            Skip = "../shared/corpus is absent beside the checkout";
        }
    }
}

/// <summary>A theory over corpus files; skips with a message when the corpus is absent.</summary>
public sealed class CorpusTheoryAttribute : TheoryAttribute
{
    public CorpusTheoryAttribute()
    {
        if (!Repository.HasCorpus)
        {
            Skip = "../shared/corpus is absent beside the checkout";
        }
    }
}

/// <summary>
/// A fact needing external programs (dcmtk, GDCM, pydicom...). Outside CI it skips when one is missing;
/// in CI (CI=true) it runs and fails, because ./radanon test installs them.
/// </summary>
public sealed class ToolFactAttribute : FactAttribute
{
    public ToolFactAttribute(params string[] tools)
    {
        var missing = tools.Where(t => !ExternalTool.Exists(t)).ToArray();
        if (missing.Length > 0 && !Repository.IsCI)
        {
            Skip = "needs " + string.Join(", ", missing) + " (installed by ./radanon test)";
        }
        else if (!Repository.HasCorpus && tools.Length > 0 && RequiresCorpus)
        {
            Skip = "../shared/corpus is absent beside the checkout";
        }
    }

    public bool RequiresCorpus { get; init; } = true;
}

/// <summary>Theory form of <see cref="ToolFactAttribute"/>.</summary>
public sealed class ToolTheoryAttribute : TheoryAttribute
{
    public ToolTheoryAttribute(params string[] tools)
    {
        var missing = tools.Where(t => !ExternalTool.Exists(t)).ToArray();
        if (missing.Length > 0 && !Repository.IsCI)
        {
            Skip = "needs " + string.Join(", ", missing) + " (installed by ./radanon test)";
        }
        else if (!Repository.HasCorpus)
        {
            Skip = "../shared/corpus is absent beside the checkout";
        }
    }
}

/// <summary>A fact needing a local PostgreSQL server; skips outside CI when it is not installed, fails in CI.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!PostgresServer.IsAvailable && !Repository.IsCI)
        {
            Skip = "needs the postgresql package (installed by ./radanon test)";
        }
    }
}
