using RadAnon.Core.Diagnostics;

namespace RadAnon.Cli.Batch;

/// <summary>
/// Writes a file so that a crash never leaves a partial file under its final name: the bytes go to a hidden temporary
/// name in the same directory and the temporary file is renamed over the target (atomic on one file system). A killed
/// run may leave temporary files; <see cref="IsTemporary"/> recognises them for clean-up.
/// <para>
/// Durable (--durable) also flushes the data to the disk (fsync) before the rename, so a power loss right after the run
/// cannot lose it. Without it the kernel writes the data back on its own schedule (tens of seconds), like cp and
/// gdcmanon: a power loss in that window can leave an empty or partial file under the final name, which the batch
/// resume check (<see cref="ResumeCheck"/>: every output's SHA-256 against its report) finds and redoes.
/// </para>
/// </summary>
internal sealed class AtomicFile : IDisposable
{
    private const string Marker = ".radanon-tmp-";
    private readonly string _temp;
    private readonly FileStream _stream;
    private readonly bool _durable;
    private bool _committed;

    private AtomicFile(string temp, bool durable)
    {
        _temp = temp;
        _durable = durable;
        // Unbuffered: the writers above buffer small values and hand large ones (pixel data) over whole.
        _stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
    }

    /// <summary>Where to write; only whole commits ever appear under a final name.</summary>
    public Stream Stream => _stream;

    /// <summary>A temporary file in <paramref name="directory"/> named after <paramref name="name"/> (the final name may still change).</summary>
    public static AtomicFile Create(string directory, string name, bool durable) =>
        new(Path.Combine(Path.GetFullPath(directory), "." + name + Marker + Guid.NewGuid().ToString("N")[..12]), durable);

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, ReadOnlySpan<byte> content, bool durable, PipelineTimings? timings = null, string stage = "write")
    {
        var full = Path.GetFullPath(path);
        using var file = Create(Path.GetDirectoryName(full)!, Path.GetFileName(full), durable);
        using (StageScope.Start(timings, stage))
        {
            file.Stream.Write(content);
        }

        file.Commit(full, timings, stage);
    }

    /// <summary>Closes the temporary file (fsynced first when durable) and renames it over <paramref name="path"/>.</summary>
    public void Commit(string path, PipelineTimings? timings = null, string stage = "write")
    {
        if (_durable)
        {
            using (StageScope.Start(timings, stage + " fsync"))
            {
                _stream.Flush(flushToDisk: true);
            }
        }

        _stream.Dispose();
        using (StageScope.Start(timings, stage + " rename"))
        {
            File.Move(_temp, Path.GetFullPath(path), overwrite: true);
        }

        _committed = true;
    }

    /// <summary>Removes the temporary file unless it was committed.</summary>
    public void Dispose()
    {
        _stream.Dispose();
        if (!_committed)
        {
            File.Delete(_temp);
        }
    }

    /// <summary>True for a temporary file <see cref="Write"/> made and a killed process left behind.</summary>
    public static bool IsTemporary(string path) => Path.GetFileName(path).Contains(Marker, StringComparison.Ordinal);
}
