using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace RadAnon.Dicom.Codecs.Jpeg2000;

/// <summary>The OpenJPEG 2.x C API (openjpeg.h) from Debian's libopenjp2-7.</summary>
internal static unsafe partial class OpenJpegInterop
{
    public const string Library = "libopenjp2.so.7";
    public const string DebianPackage = "libopenjp2-7";
    public const int CodecJ2K = 0;
    public const int CodecJP2 = 2;

    /// <summary>opj_dparameters_t is about 8.3 KB (two 4096-byte paths); this leaves generous room.</summary>
    public const int DecoderParametersSize = 16384;

    private static readonly Lazy<bool> Loaded = new(() => NativeLibrary.TryLoad(Library, typeof(OpenJpegInterop).Assembly, null, out _));

    /// <summary>opj_image_t.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Image
    {
        public uint X0, Y0, X1, Y1;
        public uint NumComps;
        public int ColorSpace;
        public ImageComponent* Comps;
        public byte* IccProfile;
        public uint IccProfileLength;
    }

    /// <summary>opj_image_comp_t.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ImageComponent
    {
        public uint Dx, Dy, W, H, X0, Y0, Prec, Bpp, Sgnd, ResnoDecoded, Factor;
        public int* Data;
        public ushort Alpha;
    }

    /// <summary>Fails closed with a message naming the library and its package when OpenJPEG is missing.</summary>
    public static void EnsureAvailable()
    {
        if (!Loaded.Value)
        {
            throw new UnsupportedPixelDataException($"JPEG 2000 decoding needs the native library {Library}; install the Debian package {DebianPackage}");
        }
    }

    [LibraryImport(Library, EntryPoint = "opj_create_decompress")]
    public static partial OpenJpegCodecHandle CreateDecompress(int format);

    [LibraryImport(Library, EntryPoint = "opj_destroy_codec")]
    public static partial void DestroyCodec(IntPtr codec);

    [LibraryImport(Library, EntryPoint = "opj_set_default_decoder_parameters")]
    public static partial void SetDefaultDecoderParameters(void* parameters);

    [LibraryImport(Library, EntryPoint = "opj_setup_decoder")]
    public static partial int SetupDecoder(OpenJpegCodecHandle codec, void* parameters);

    [LibraryImport(Library, EntryPoint = "opj_decoder_set_strict_mode")]
    public static partial int DecoderSetStrictMode(OpenJpegCodecHandle codec, int strict);

    [LibraryImport(Library, EntryPoint = "opj_set_error_handler")]
    public static partial int SetErrorHandler(OpenJpegCodecHandle codec, delegate* unmanaged<byte*, void*, void> handler, void* userData);

    [LibraryImport(Library, EntryPoint = "opj_set_warning_handler")]
    public static partial int SetWarningHandler(OpenJpegCodecHandle codec, delegate* unmanaged<byte*, void*, void> handler, void* userData);

    [LibraryImport(Library, EntryPoint = "opj_set_info_handler")]
    public static partial int SetInfoHandler(OpenJpegCodecHandle codec, delegate* unmanaged<byte*, void*, void> handler, void* userData);

    [LibraryImport(Library, EntryPoint = "opj_stream_create")]
    public static partial OpenJpegStreamHandle StreamCreate(nuint bufferSize, int isInput);

    [LibraryImport(Library, EntryPoint = "opj_stream_destroy")]
    public static partial void StreamDestroy(IntPtr stream);

    [LibraryImport(Library, EntryPoint = "opj_stream_set_read_function")]
    public static partial void StreamSetReadFunction(OpenJpegStreamHandle stream, delegate* unmanaged<void*, nuint, void*, nuint> read);

    [LibraryImport(Library, EntryPoint = "opj_stream_set_skip_function")]
    public static partial void StreamSetSkipFunction(OpenJpegStreamHandle stream, delegate* unmanaged<long, void*, long> skip);

    [LibraryImport(Library, EntryPoint = "opj_stream_set_seek_function")]
    public static partial void StreamSetSeekFunction(OpenJpegStreamHandle stream, delegate* unmanaged<long, void*, int> seek);

    [LibraryImport(Library, EntryPoint = "opj_stream_set_user_data")]
    public static partial void StreamSetUserData(OpenJpegStreamHandle stream, void* data, void* free);

    [LibraryImport(Library, EntryPoint = "opj_stream_set_user_data_length")]
    public static partial void StreamSetUserDataLength(OpenJpegStreamHandle stream, ulong length);

    [LibraryImport(Library, EntryPoint = "opj_read_header")]
    public static partial int ReadHeader(OpenJpegStreamHandle stream, OpenJpegCodecHandle codec, Image** image);

    [LibraryImport(Library, EntryPoint = "opj_decode")]
    public static partial int Decode(OpenJpegCodecHandle codec, OpenJpegStreamHandle stream, Image* image);

    [LibraryImport(Library, EntryPoint = "opj_end_decompress")]
    public static partial int EndDecompress(OpenJpegCodecHandle codec, OpenJpegStreamHandle stream);

    [LibraryImport(Library, EntryPoint = "opj_image_destroy")]
    public static partial void ImageDestroy(Image* image);
}

/// <summary>Owns an opj_codec_t.</summary>
internal sealed class OpenJpegCodecHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public OpenJpegCodecHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        OpenJpegInterop.DestroyCodec(handle);
        return true;
    }
}

/// <summary>Owns an opj_stream_t.</summary>
internal sealed class OpenJpegStreamHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public OpenJpegStreamHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        OpenJpegInterop.StreamDestroy(handle);
        return true;
    }
}
