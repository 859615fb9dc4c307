using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace RadAnon.Core.Batches;

/// <summary>
/// A write-once, then seekable, temporary copy of an upload that never touches the disk in the clear.
/// <para>
/// Why a file at all: reading a ZIP needs its central directory at the end, so the body must be kept whole; holding a
/// multi-gigabyte archive in memory would make memory grow with the batch. Why encrypted: the project rule is that
/// nothing identifying reaches the disk unencrypted. The bytes are sealed in 64 KiB chunks with AES-256-GCM under a
/// random key that exists only in this object (nonce = chunk number, each chunk written exactly once, so a nonce is
/// never reused); a chunk that was altered on disk fails its tag instead of feeding forged bytes to the ZIP reader.
/// The file is created 0600 with <see cref="FileOptions.DeleteOnClose"/> and deleted again on <see cref="Dispose"/>;
/// if the process dies first, what remains is ciphertext whose key died with it.
/// </para>
/// </summary>
public sealed class EncryptedSpool : IDisposable, IAsyncDisposable
{
    public const int ChunkSize = 64 * 1024;
    private const int TagSize = 16;
    private const int NonceSize = 12;

    private readonly AesGcm _aes;
    private readonly FileStream _file;
    private readonly byte[] _plain = new byte[ChunkSize];
    private readonly byte[] _cipher = new byte[ChunkSize + TagSize];
    private int _filled;
    private long _chunks;
    private bool _sealed;
    private bool _disposed;

    private EncryptedSpool(string path)
    {
        Path = path;
        var key = RandomNumberGenerator.GetBytes(32);
        _aes = new AesGcm(key, TagSize);
        CryptographicOperations.ZeroMemory(key);
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            Options = FileOptions.DeleteOnClose,
            BufferSize = 0,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        _file = new FileStream(path, options);
    }

    /// <summary>Where the ciphertext lives until disposal (for cleanup checks; the bytes there are useless).</summary>
    public string Path { get; }

    /// <summary>Plaintext bytes written so far.</summary>
    public long Length { get; private set; }

    public static EncryptedSpool Create(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        return new EncryptedSpool(System.IO.Path.Combine(directory, $"radanon-spool-{Guid.NewGuid():n}.tmp"));
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_sealed)
        {
            throw new InvalidOperationException("the spool is sealed; it can only be read now");
        }

        while (!data.IsEmpty)
        {
            var take = Math.Min(ChunkSize - _filled, data.Length);
            data.Span[..take].CopyTo(_plain.AsSpan(_filled));
            _filled += take;
            Length += take;
            data = data[take..];
            if (_filled == ChunkSize)
            {
                await FlushChunkAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Writes the last partial chunk; after this the spool can be read and no longer written.</summary>
    public async ValueTask SealAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_sealed && _filled > 0)
        {
            await FlushChunkAsync(cancellationToken).ConfigureAwait(false);
        }

        _sealed = true;
    }

    /// <summary>A seekable read-only view of the plaintext; one reader at a time (it shares this spool's buffers).</summary>
    public Stream OpenRead()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _sealed ? new Reader(this) : throw new InvalidOperationException("seal the spool before reading it");
    }

    /// <summary>The file as stored, for tests that read (or alter) the ciphertext; it is opened exclusively otherwise.</summary>
    internal SafeFileHandle StoredFile => _file.SafeFileHandle;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _file.Dispose();
        _aes.Dispose();
        CryptographicOperations.ZeroMemory(_plain);
        try
        {
            File.Delete(Path); // DeleteOnClose already did it; this covers platforms where it could not
        }
        catch (IOException)
        {
            // Nothing readable is left behind: the bytes are ciphertext under a key that no longer exists.
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private async ValueTask FlushChunkAsync(CancellationToken cancellationToken)
    {
        var length = _filled;
        Seal(_chunks, _plain.AsSpan(0, length), _cipher.AsSpan(0, length), _cipher.AsSpan(length, TagSize));
        await RandomAccess.WriteAsync(_file.SafeFileHandle, _cipher.AsMemory(0, length + TagSize), _chunks * (ChunkSize + TagSize), cancellationToken).ConfigureAwait(false);
        _chunks++;
        _filled = 0;
    }

    private void Seal(long chunk, ReadOnlySpan<byte> plain, Span<byte> cipher, Span<byte> tag)
    {
        Span<byte> nonce = stackalloc byte[NonceSize];
        BinaryPrimitives.WriteInt64LittleEndian(nonce, chunk);
        _aes.Encrypt(nonce, plain, cipher, tag);
    }

    private void Open(long chunk, byte[] plain, out int length)
    {
        length = (int)Math.Min(ChunkSize, Length - (chunk * ChunkSize));
        var stored = _cipher.AsSpan(0, length + TagSize); // free once sealed: reads never overlap writes
        if (RandomAccess.Read(_file.SafeFileHandle, stored, chunk * (ChunkSize + TagSize)) != stored.Length)
        {
            throw new IOException("the spool file is shorter than what was written to it");
        }

        Span<byte> nonce = stackalloc byte[NonceSize];
        BinaryPrimitives.WriteInt64LittleEndian(nonce, chunk);
        _aes.Decrypt(nonce, stored[..length], stored[length..], plain.AsSpan(0, length));
    }

    private sealed class Reader : Stream
    {
        private readonly EncryptedSpool _spool;
        private readonly byte[] _chunk = new byte[ChunkSize];
        private long _cached = -1;
        private int _cachedLength;
        private long _position;

        public Reader(EncryptedSpool spool)
        {
            _spool = spool;
        }

        public override bool CanRead => !_spool._disposed;

        public override bool CanSeek => !_spool._disposed;

        public override bool CanWrite => false;

        public override long Length => _spool.Length;

        public override long Position
        {
            get => _position;
            set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            ObjectDisposedException.ThrowIf(_spool._disposed, _spool);
            var total = 0;
            while (!buffer.IsEmpty && _position < Length)
            {
                var chunk = _position / ChunkSize;
                if (chunk != _cached)
                {
                    _spool.Open(chunk, _chunk, out _cachedLength);
                    _cached = chunk;
                }

                var within = (int)(_position - (chunk * ChunkSize));
                var take = Math.Min(buffer.Length, _cachedLength - within);
                _chunk.AsSpan(within, take).CopyTo(buffer);
                buffer = buffer[take..];
                _position += take;
                total += take;
            }

            return total;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.FromResult(Read(buffer.Span));
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => Length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                CryptographicOperations.ZeroMemory(_chunk);
            }

            base.Dispose(disposing);
        }
    }
}
