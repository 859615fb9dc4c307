using System.Diagnostics;
using RadAnon.TestSupport;

namespace RadAnon.Cli.Tests;

/// <summary>Runs the built `radanon` CLI as a separate process, as users and external checks do.</summary>
internal static class Cli
{
    private static string Dll => Path.Combine(AppContext.BaseDirectory, "radanon.dll");

    public static ToolResult Run(params string[] args) => ExternalTool.Run("dotnet", [Dll, .. args], TimeSpan.FromMinutes(3));

    /// <summary>Starts the CLI without waiting, its output discarded, for tests that kill it mid-run.</summary>
    public static Process Start(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])[Dll, .. args])
        {
            psi.ArgumentList.Add(a);
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start the CLI");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
