namespace RadAnon.Api.Hosting;

/// <summary>
/// Lets <see cref="System.IO.Compression.ZipArchive"/> write to a response body that refuses synchronous I/O. The
/// archive writes most bytes asynchronously, but disposing an entry stream (the last deflate block, the data
/// descriptor) writes synchronously; those small writes are held here and sent by <see cref="DrainAsync"/>, which
/// the batch calls after every entry. Large asynchronous writes pass straight through, so at most
/// <see cref="Threshold"/> bytes plus one entry's trailer are ever held.
/// </summary>
internal sealed class AsyncOnlyWriteStream : Stream
{
    public const int Threshold = 256 * 1024;

    private readonly Stream _inner;
    private readonly MemoryStream _held = new();

    public AsyncOnlyWriteStream(Stream inner)
    {
        _inner = inner;
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => _held.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => _held.Write(buffer);

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_held.Length + buffer.Length <= Threshold)
        {
            _held.Write(buffer.Span);
            return;
        }

        await DrainAsync(cancellationToken).ConfigureAwait(false);
        await _inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Sends what synchronous writes left behind.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        if (_held.Length > 0)
        {
            await _inner.WriteAsync(_held.GetBuffer().AsMemory(0, (int)_held.Length), cancellationToken).ConfigureAwait(false);
            _held.SetLength(0);
        }

        await _inner.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Flush()
    {
        // Nothing can go out synchronously; DrainAsync sends it.
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => DrainAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _held.Dispose();
        }

        base.Dispose(disposing);
    }
}
