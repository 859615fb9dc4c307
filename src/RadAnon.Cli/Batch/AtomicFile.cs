using RadAnon.Core.Diagnostics;

namespace RadAnon.Cli.Batch;

/// <summary>
/// Writes a file so that a crash never leaves a partial file under its final name: the bytes go to a hidden temporary
/// name in the same directory, are flushed to disk, and the temporary file is renamed over the target (atomic on one
/// file system). A killed run may leave temporary files; <see cref="IsTemporary"/> recognises them for clean-up.
/// </summary>
internal static class AtomicFile
{
    private const string Marker = ".radanon-tmp-";

    public static void Write(string path, ReadOnlySpan<byte> content, PipelineTimings? timings = null, string stage = "write")
    {
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + Marker + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1))
            {
                using (StageScope.Start(timings, stage))
                {
                    stream.Write(content);
                }

                using (StageScope.Start(timings, stage + " fsync"))
                {
                    stream.Flush(flushToDisk: true);
                }
            }

            using (StageScope.Start(timings, stage + " rename"))
            {
                File.Move(temp, full, overwrite: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>True for a temporary file <see cref="Write"/> made and a killed process left behind.</summary>
    public static bool IsTemporary(string path) => Path.GetFileName(path).Contains(Marker, StringComparison.Ordinal);
}
