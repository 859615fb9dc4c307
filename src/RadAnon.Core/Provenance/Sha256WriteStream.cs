using System.Security.Cryptography;
using RadAnon.Core.Diagnostics;

namespace RadAnon.Core.Provenance;

/// <summary>
/// A write-only stream that hashes (SHA-256) every byte on its way to <paramref name="destination"/>, so an output is
/// hashed while it is written instead of in a second pass. Large writes go through in 1 MiB steps, each hashed and
/// then written while it is still in the CPU cache. The destination is not disposed.
/// </summary>
internal sealed class Sha256WriteStream(Stream destination, PipelineTimings? timings) : Stream
{
    private const int Step = 1 << 20;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _length;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    /// <summary>The lowercase hex SHA-256 of everything written; call once, after the last write.</summary>
    public string FinishHash() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var step = buffer[..Math.Min(buffer.Length, Step)];
            using (StageScope.Start(timings, "hash output"))
            {
                _hash.AppendData(step);
            }

            destination.Write(step);
            _length += step.Length;
            buffer = buffer[step.Length..];
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Flush() => destination.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
