using System.Security.Cryptography;
using System.Text;
using RadAnon.Core.Batches;

namespace RadAnon.Core.Tests.Batches;

/// <summary>The batch spool: ciphertext on disk, exact seekable plaintext back, tamper detected, file gone after disposal.</summary>
public sealed class EncryptedSpoolTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("radanon-spool-unit-").FullName;

    [Fact]
    public async Task Spool_StoresCiphertext_ReadsBackExactly_AndDeletesItsFile()
    {
        var canary = Encoding.ASCII.GetBytes("SMITH^JOHN-CANARY");
        var plain = canary.Concat(RandomNumberGenerator.GetBytes((3 * EncryptedSpool.ChunkSize) + 123)).Concat(canary).ToArray();
        string path;
        using (var spool = EncryptedSpool.Create(_directory))
        {
            path = spool.Path;
            foreach (var piece in plain.Chunk(10_000))
            {
                await spool.WriteAsync(piece, CancellationToken.None);
            }

            await spool.SealAsync(CancellationToken.None);
            var stored = new byte[RandomAccess.GetLength(spool.StoredFile)];
            RandomAccess.Read(spool.StoredFile, stored, 0);
            Assert.DoesNotContain("SMITH^JOHN", Encoding.Latin1.GetString(stored), StringComparison.Ordinal);
            using var read = spool.OpenRead();
            Assert.Equal(plain.Length, read.Length);
            var back = new byte[plain.Length];
            read.ReadExactly(back);
            Assert.Equal(plain, back);
            read.Seek(-canary.Length, SeekOrigin.End);
            var tail = new byte[canary.Length];
            read.ReadExactly(tail);
            Assert.Equal(canary, tail);
            Assert.True(File.Exists(path));
        }

        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Spool_AlteredChunk_FailsItsTag()
    {
        using var spool = EncryptedSpool.Create(_directory);
        await spool.WriteAsync(new byte[1000], CancellationToken.None);
        await spool.SealAsync(CancellationToken.None);
        RandomAccess.Write(spool.StoredFile, new byte[] { 0x55 }, 10);

        using var read = spool.OpenRead();
        Assert.ThrowsAny<CryptographicException>(() => read.ReadExactly(new byte[10]));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
