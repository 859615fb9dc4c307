using RadAnon.TestSupport;

namespace RadAnon.Cli.Tests;

/// <summary>Runs the built `radanon` CLI as a separate process, as users and external checks do.</summary>
internal static class Cli
{
    private static string Dll => Path.Combine(AppContext.BaseDirectory, "radanon.dll");

    public static ToolResult Run(params string[] args) => ExternalTool.Run("dotnet", [Dll, .. args], TimeSpan.FromMinutes(3));
}
