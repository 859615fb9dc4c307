using System.Globalization;

namespace RadAnon.TestSupport;

/// <summary>
/// Resident memory of another process from /proc (Linux): the current size, the peak, and a reset of the peak
/// (writing 5 to clear_refs) so one long-lived server can be measured request by request.
/// </summary>
public static class ProcessMemory
{
    public static long ResidentBytes(int pid) => StatusKilobytes(pid, "VmRSS:") * 1024;

    public static long PeakResidentBytes(int pid) => StatusKilobytes(pid, "VmHWM:") * 1024;

    public static void ResetPeak(int pid) => File.WriteAllText($"/proc/{pid}/clear_refs", "5");

    private static long StatusKilobytes(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
