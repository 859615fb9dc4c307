using System.Buffers.Binary;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text.Json;

namespace RadAnon.Api.Tests;

/// <summary>Batch archives built in memory, including hand-edited hostile ones, and output-archive reading.</summary>
internal static class TestZips
{
    private const uint CentralSignature = 0x02014b50;
    private const uint LocalSignature = 0x04034b50;

    public static byte[] Build(params (string Name, byte[] Content)[] entries) => Build(CompressionLevel.Fastest, entries);

    public static byte[] Build(CompressionLevel level, params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name, level).Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A Unix symbolic link entry (mode 0120777) whose target is /etc/passwd.</summary>
    public static byte[] Symlink()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var link = zip.CreateEntry("link.dcm", CompressionLevel.NoCompression);
            link.ExternalAttributes = unchecked((int)(0xA1FFu << 16));
            using var stream = link.Open();
            stream.Write("/etc/passwd"u8);
        }

        return buffer.ToArray();
    }

    /// <summary>One entry of <paramref name="zeros"/> zero bytes, deflated (a ratio near 1000:1).</summary>
    public static byte[] Bomb(long zeros)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var stream = zip.CreateEntry("zeros.dcm", CompressionLevel.SmallestSize).Open();
            var block = new byte[1 << 20];
            for (long written = 0; written < zeros; written += block.Length)
            {
                stream.Write(block, 0, (int)Math.Min(block.Length, zeros - written));
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Sets general-purpose flag bit 0 (traditional encryption) on every local and central header.</summary>
    public static byte[] MarkEncrypted(byte[] zip) => Patch(zip, (bytes, offset, central) =>
    {
        var at = offset + (central ? 8 : 6);
        bytes[at] |= 1;
    });

    /// <summary>Rewrites the declared uncompressed size of every entry (local and central headers) to <paramref name="size"/>.</summary>
    public static byte[] DeclareUncompressedSize(byte[] zip, uint size) => Patch(zip, (bytes, offset, central) =>
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offset + (central ? 24 : 22)), size));

    public static ByteArrayContent Raw(byte[] zip) => Http.Raw(zip, "application/zip");

    public static MultipartFormDataContent Form(byte[] zip, string? optionsJson = null) => Http.Form(zip, "application/zip", optionsJson);

    /// <summary>The output ZIP as name → bytes.</summary>
    public static async Task<Dictionary<string, byte[]>> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            entries.Add(entry.FullName, copy.ToArray());
        }

        return entries;
    }

    public static JsonElement Json(byte[] bytes) => JsonDocument.Parse(bytes).RootElement.Clone();

    /// <summary>Streams <paramref name="prefix"/> and then waits until cancelled, like a client that stalls mid-upload.</summary>
    public sealed class StallingContent : HttpContent
    {
        private readonly byte[] _prefix;

        private readonly long _declared;

        public StallingContent(byte[] prefix, long declared)
        {
            _prefix = prefix;
            _declared = declared;
            Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        }

        public TaskCompletionSource Sent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken)
        {
            await stream.WriteAsync(_prefix, cancellationToken);
            await stream.FlushAsync(cancellationToken);
            Sent.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _declared;
            return true;
        }
    }

    private static byte[] Patch(byte[] zip, Action<byte[], int, bool> edit)
    {
        var bytes = (byte[])zip.Clone();
        for (var i = 0; i + 4 <= bytes.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i));
            if (signature == LocalSignature && i + 30 <= bytes.Length)
            {
                edit(bytes, i, false);
            }
            else if (signature == CentralSignature && i + 46 <= bytes.Length)
            {
                edit(bytes, i, true);
            }
        }

        return bytes;
    }
}
