using System.Runtime.InteropServices;

namespace RadAnon.Core.Ocr;

/// <summary>
/// The C library: the one environment variable that must be set natively before libtesseract loads, and the calling
/// thread's CPU clock for <see cref="Diagnostics.PipelineTimings"/>.
/// </summary>
internal static partial class LibcInterop
{
    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int SetEnv(string name, string value, int overwrite);

    internal const int ClockThreadCpuTime = 3; // CLOCK_THREAD_CPUTIME_ID on Linux

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    internal static partial int ClockGetTime(int clock, out TimeSpec time);

    /// <summary>struct timespec on 64-bit Linux.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
