using System.Diagnostics;

namespace RadAnon.TestSupport;

/// <summary>Runs reference programs (dcmtk, GDCM, dicom3tools, pydicom) as independent oracles.</summary>
public static class ExternalTool
{
    /// <summary>Debian's pydicom lives under the system interpreter, not the first python3 on PATH.</summary>
    public const string SystemPython = "/usr/bin/python3";

    public static bool Exists(string tool)
    {
        if (tool.StartsWith('/'))
        {
            return File.Exists(tool) && (tool != SystemPython || PythonModuleExists("pydicom"));
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(':').Any(dir => File.Exists(Path.Combine(dir, tool)));
    }

    public static ToolResult Run(string fileName, IEnumerable<string> arguments, TimeSpan? timeout = null, string? stdin = null)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start " + fileName);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }

        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish in time");
        }

        process.WaitForExit();
        return new ToolResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static bool PythonModuleExists(string module)
    {
        try
        {
            return Run(SystemPython, ["-c", "import " + module], TimeSpan.FromSeconds(30)).ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}

public sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError);
