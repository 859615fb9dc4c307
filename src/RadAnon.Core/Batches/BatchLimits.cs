namespace RadAnon.Core.Batches;

/// <summary>What one batch archive may hold. Validated once; every check in <see cref="ArchiveInspector"/> uses these.</summary>
public sealed record BatchLimits
{
    /// <summary>Entries in the central directory, folders included.</summary>
    public int MaxEntries { get; init; } = 10_000;

    /// <summary>Largest uncompressed entry, declared and actually inflated.</summary>
    public long MaxEntryBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Sum of the declared uncompressed sizes of the entries that will be read.</summary>
    public long MaxTotalUncompressedBytes { get; init; } = 16L * 1024 * 1024 * 1024;

    /// <summary>Largest uncompressed/compressed ratio of an entry of at least <see cref="RatioFloorBytes"/>.</summary>
    public double MaxCompressionRatio { get; init; } = 100;

    /// <summary>Entries smaller than this are not judged by ratio (a small run of zeros says nothing about a bomb).</summary>
    public long RatioFloorBytes { get; init; } = 1024 * 1024;

    public static BatchLimits Default { get; } = new();

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxEntries, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxEntryBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTotalUncompressedBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxCompressionRatio, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(RatioFloorBytes);
    }
}
