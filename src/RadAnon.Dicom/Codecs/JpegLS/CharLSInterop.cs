using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace RadAnon.Dicom.Codecs.JpegLS;

/// <summary>The CharLS 2.x C API (charls/charls_jpegls_decoder.h) from Debian's libcharls2.</summary>
internal static partial class CharLSInterop
{
    public const string Library = "libcharls.so.2";
    public const string DebianPackage = "libcharls2";

    private static readonly Lazy<bool> Loaded = new(() => NativeLibrary.TryLoad(Library, typeof(CharLSInterop).Assembly, null, out _));

    [StructLayout(LayoutKind.Sequential)]
    public struct FrameInfo
    {
        public uint Width;
        public uint Height;
        public int BitsPerSample;
        public int ComponentCount;
    }

    /// <summary>Fails closed with a message naming the library and its package when CharLS is missing.</summary>
    public static void EnsureAvailable()
    {
        if (!Loaded.Value)
        {
            throw new UnsupportedPixelDataException($"JPEG-LS decoding needs the native library {Library}; install the Debian package {DebianPackage}");
        }
    }

    [LibraryImport(Library, EntryPoint = "charls_jpegls_decoder_create")]
    public static partial CharLSDecoderHandle DecoderCreate();

    [LibraryImport(Library, EntryPoint = "charls_jpegls_decoder_destroy")]
    public static partial void DecoderDestroy(IntPtr decoder);

    [LibraryImport(Library, EntryPoint = "charls_jpegls_decoder_set_source_buffer")]
    public static unsafe partial int SetSourceBuffer(CharLSDecoderHandle decoder, byte* source, nuint size);

    [LibraryImport(Library, EntryPoint = "charls_jpegls_decoder_read_header")]
    public static partial int ReadHeader(CharLSDecoderHandle decoder);

    [LibraryImport(Library, EntryPoint = "charls_jpegls_decoder_get_frame_info")]
    public static partial int GetFrameInfo(CharLSDecoderHandle decoder, out FrameInfo frameInfo);

    [LibraryImport(Library, EntryPoint = "charls_jpegls_decoder_get_interleave_mode")]
    public static partial int GetInterleaveMode(CharLSDecoderHandle decoder, out int interleaveMode);

    [LibraryImport(Library, EntryPoint = "charls_jpegls_decoder_get_destination_size")]
    public static partial int GetDestinationSize(CharLSDecoderHandle decoder, uint stride, out nuint size);

    [LibraryImport(Library, EntryPoint = "charls_jpegls_decoder_decode_to_buffer")]
    public static unsafe partial int DecodeToBuffer(CharLSDecoderHandle decoder, byte* destination, nuint size, uint stride);

    [LibraryImport(Library, EntryPoint = "charls_get_error_message")]
    public static partial IntPtr GetErrorMessage(int error);

    /// <summary>Turns a CharLS error code into <see cref="InvalidDicomException"/> with CharLS's own message.</summary>
    public static void Check(int error, string step)
    {
        if (error != 0)
        {
            var message = Marshal.PtrToStringUTF8(GetErrorMessage(error)) ?? "unknown error";
            throw new InvalidDicomException($"JPEG-LS frame cannot be decoded ({step}: CharLS error {error}, {message})", -1);
        }
    }
}

/// <summary>Owns a charls_jpegls_decoder and destroys it when released.</summary>
internal sealed class CharLSDecoderHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public CharLSDecoderHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        CharLSInterop.DecoderDestroy(handle);
        return true;
    }
}
