using System.IO.Compression;

namespace RadAnon.Core.Batches;

/// <summary>One entry to process: its position in the central directory (1-based, for messages), normalised path and entry.</summary>
public sealed record BatchEntry(int Index, string Path, ZipArchiveEntry Entry);

/// <summary>An archive whose whole central directory passed inspection, with the entries to process in order.</summary>
public sealed class ArchivePlan : IDisposable
{
    internal ArchivePlan(ZipArchive archive, IReadOnlyList<BatchEntry> entries, int folders, int litter, long declaredBytes)
    {
        Archive = archive;
        Entries = entries;
        Folders = folders;
        Litter = litter;
        DeclaredBytes = declaredBytes;
    }

    public ZipArchive Archive { get; }

    public IReadOnlyList<BatchEntry> Entries { get; }

    /// <summary>Folder entries (nothing to do).</summary>
    public int Folders { get; }

    /// <summary>__MACOSX/ and dotfile entries, skipped unread.</summary>
    public int Litter { get; }

    /// <summary>Sum of the declared uncompressed sizes of <see cref="Entries"/>.</summary>
    public long DeclaredBytes { get; }

    public void Dispose() => Archive.Dispose();
}

/// <summary>
/// Decides whether a batch ZIP is safe to unpack before any entry is read, then reads entries one at a time with the
/// inflated size enforced. Pure BCL (no host dependency), so the API, the CLI and the fuzz harness share it. Every
/// refusal is an <see cref="InvalidArchiveException"/>, <see cref="UnsafeArchiveException"/> or
/// <see cref="ArchiveTooLargeException"/> naming the entry by its index, never by its name (names are often patients').
/// </summary>
public static class ArchiveInspector
{
    private const int SymbolicLink = 0xA000;
    private const int FileTypeMask = 0xF000;

    /// <summary>Inspects the whole central directory of a seekable archive; the caller keeps ownership of the stream.</summary>
    public static ArchivePlan Open(Stream archive, BatchLimits limits)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(limits);
        limits.Validate();
        if (!archive.CanSeek)
        {
            throw new ArgumentException("the archive stream must be seekable", nameof(archive));
        }

        CentralDirectoryScan.Scan(archive, limits);
        archive.Position = 0;
        ZipArchive zip;
        IReadOnlyList<ZipArchiveEntry> entries;
        try
        {
            zip = new ZipArchive(archive, ZipArchiveMode.Read, leaveOpen: true);
            entries = zip.Entries;
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidArchiveException("the ZIP central directory is corrupt", ex);
        }

        try
        {
            return Plan(zip, entries, limits);
        }
        catch
        {
            zip.Dispose();
            throw;
        }
    }

    /// <summary>True when the bytes start like a ZIP (local header, empty archive or spanning marker).</summary>
    public static bool LooksLikeZip(ReadOnlySpan<byte> head) => CentralDirectoryScan.LooksLikeZip(head);

    /// <summary>
    /// The entry's bytes, at most its declared size (already within the limits): a header that lies about the size
    /// cannot make this read more than declared + 1 bytes, and a truncated read fails the CRC check.
    /// </summary>
    public static async Task<byte[]> ReadEntryAsync(BatchEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var declared = entry.Entry.Length;
        var buffer = new byte[declared];
        Stream stream;
        try
        {
            stream = await entry.Entry.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidDataException or NotSupportedException)
        {
            throw new InvalidArchiveException($"entry {entry.Index} cannot be opened: an unsupported compression method or a corrupt local header", ex);
        }

        await using (stream.ConfigureAwait(false))
        {
            try
            {
                var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                if (read < declared)
                {
                    throw new InvalidArchiveException($"entry {entry.Index} holds {read} bytes, fewer than the {declared} its header declares");
                }

                var probe = new byte[1];
                if (await stream.ReadAsync(probe, cancellationToken).ConfigureAwait(false) > 0)
                {
                    throw new UnsafeArchiveException($"entry {entry.Index} inflates past the {declared} bytes its header declares; it was not read further");
                }
            }
            catch (InvalidDataException ex)
            {
                throw new InvalidArchiveException($"entry {entry.Index} is corrupt: its compressed data, size or CRC does not check", ex);
            }
        }

        if (Crc32.Compute(buffer) != entry.Entry.Crc32)
        {
            throw new InvalidArchiveException($"entry {entry.Index} does not match its CRC-32: corrupt data, or a header that declares the wrong size");
        }

        return buffer;
    }

    private static ArchivePlan Plan(ZipArchive zip, IReadOnlyList<ZipArchiveEntry> entries, BatchLimits limits)
    {
        var planned = new List<BatchEntry>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var folderPaths = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        int folders = 0, litter = 0;
        long declared = 0, compressed = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var index = i + 1;
            if (((entry.ExternalAttributes >>> 16) & FileTypeMask) == SymbolicLink)
            {
                throw new UnsafeArchiveException($"entry {index} is a symbolic link; links are refused");
            }

            if (entry.IsEncrypted)
            {
                throw new UnsafeArchiveException($"entry {index} is encrypted; RadAnon cannot inspect encrypted entries, send the archive unencrypted");
            }

            if (entry.Length < 0 || entry.CompressedLength < 0)
            {
                throw new UnsafeArchiveException($"entry {index} declares a negative size");
            }

            var (path, isFolder) = EntryPaths.Normalize(entry.FullName, index);
            foreach (var folder in EntryPaths.Folders(path, isFolder))
            {
                folderPaths.TryAdd(folder, index);
            }

            if (isFolder)
            {
                folders++;
                continue;
            }

            if (!seen.TryAdd(path, index))
            {
                throw new UnsafeArchiveException($"entries {seen[path]} and {index} have the same path (compared case-insensitively)");
            }

            if (EntryPaths.IsLitter(path))
            {
                litter++;
                continue;
            }

            if (entry.Length > limits.MaxEntryBytes)
            {
                throw new ArchiveTooLargeException($"entry {index} declares {entry.Length} bytes uncompressed; the limit is {limits.MaxEntryBytes} (MaxEntryBytes)");
            }

            declared += entry.Length;
            compressed += entry.CompressedLength;
            if (declared > limits.MaxTotalUncompressedBytes)
            {
                throw new ArchiveTooLargeException($"the entries declare more than {limits.MaxTotalUncompressedBytes} bytes uncompressed in total (MaxBatchUncompressedBytes)");
            }

            if (entry.Length >= limits.RatioFloorBytes && entry.Length > entry.CompressedLength * limits.MaxCompressionRatio)
            {
                throw new UnsafeArchiveException(FormattableString.Invariant(
                    $"entry {index} would inflate {entry.CompressedLength} bytes to {entry.Length}, a ratio over the limit of {limits.MaxCompressionRatio} (MaxCompressionRatio): a ZIP bomb?"));
            }

            planned.Add(new BatchEntry(index, path, entry));
        }

        // Many small entries each under the ratio floor can still add up to a bomb: the ratio holds for the total too.
        if (declared >= limits.RatioFloorBytes && declared > compressed * limits.MaxCompressionRatio)
        {
            throw new UnsafeArchiveException(FormattableString.Invariant(
                $"the entries would inflate {compressed} bytes to {declared} in total, a ratio over the limit of {limits.MaxCompressionRatio} (MaxCompressionRatio): a ZIP bomb?"));
        }

        // A name that is a file and also a folder of another entry cannot be unpacked anywhere.
        foreach (var (path, index) in seen)
        {
            if (folderPaths.TryGetValue(path, out var other))
            {
                throw new UnsafeArchiveException($"entries {Math.Min(index, other)} and {Math.Max(index, other)} use one name as both a file and a folder (rule: a path is a file or a folder, not both)");
            }
        }

        return new ArchivePlan(zip, planned, folders, litter, declared);
    }
}
