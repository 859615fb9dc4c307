using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RadAnon.Dicom.Codecs.Jpeg2000;

/// <summary>
/// The user data behind OpenJPEG's stream and message callbacks: a pinned code stream with a read
/// position, and the first error message OpenJPEG reports (kept rather than printed).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MemoryStreamState
{
    public const int MessageCapacity = 240;

    public byte* Data;
    public long Length;
    public long Position;
    public int MessageLength;
    public fixed byte Message[MessageCapacity];

    public readonly string? ErrorMessage
    {
        get
        {
            fixed (byte* m = Message)
            {
                return MessageLength == 0 ? null : System.Text.Encoding.UTF8.GetString(m, MessageLength).Trim();
            }
        }
    }

    [UnmanagedCallersOnly]
    public static nuint Read(void* buffer, nuint count, void* user)
    {
        var s = (MemoryStreamState*)user;
        var remaining = s->Length - s->Position;
        if (remaining <= 0)
        {
            return unchecked((nuint)(-1));
        }

        var n = (long)Math.Min((ulong)remaining, count);
        Unsafe.CopyBlockUnaligned(buffer, s->Data + s->Position, (uint)n);
        s->Position += n;
        return (nuint)n;
    }

    [UnmanagedCallersOnly]
    public static long Skip(long count, void* user)
    {
        var s = (MemoryStreamState*)user;
        var target = Math.Clamp(s->Position + count, 0, s->Length);
        var skipped = target - s->Position;
        s->Position = target;
        return count > 0 && skipped == 0 ? -1 : skipped;
    }

    [UnmanagedCallersOnly]
    public static int Seek(long offset, void* user)
    {
        var s = (MemoryStreamState*)user;
        if (offset < 0 || offset > s->Length)
        {
            return 0;
        }

        s->Position = offset;
        return 1;
    }

    /// <summary>Keeps the first error; OpenJPEG's message goes into our exception, never to the console.</summary>
    [UnmanagedCallersOnly]
    public static void OnError(byte* message, void* user)
    {
        var s = (MemoryStreamState*)user;
        if (s->MessageLength != 0 || message is null)
        {
            return;
        }

        var n = 0;
        while (n < MessageCapacity && message[n] != 0)
        {
            s->Message[n] = message[n];
            n++;
        }

        s->MessageLength = n;
    }

    [UnmanagedCallersOnly]
    public static void Ignore(byte* message, void* user)
    {
    }
}
