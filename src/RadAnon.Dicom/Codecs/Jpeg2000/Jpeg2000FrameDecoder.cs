using System.Buffers.Binary;
using RadAnon.Dicom.Pixels;

namespace RadAnon.Dicom.Codecs.Jpeg2000;

/// <summary>
/// JPEG 2000 lossless (1.2.840.10008.1.2.4.90) and lossy (.91) through OpenJPEG, reading from memory
/// through our stream callbacks. The main header is checked against the dataset first (size, components,
/// precision, tile count), so a hostile stream cannot make OpenJPEG allocate for an absurd image, and
/// OpenJPEG's messages are captured instead of printed.
/// </summary>
internal sealed class Jpeg2000FrameDecoder : IFrameDecoder
{
    public static readonly Jpeg2000FrameDecoder Instance = new();

    /// <summary>More tiles than this is not an image any modality produces; OpenJPEG keeps per-tile state.</summary>
    private const long MaxTiles = 65536;

    /// <returns>"RGB" when a YBR_RCT/YBR_ICT frame's multiple component transform was undone; otherwise the stored interpretation.</returns>
    public unsafe string Decode(ReadOnlySpan<byte> encoded, PixelDescription description, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(description);
        if (destination.Length != description.DecodedFrameLength)
        {
            throw new ArgumentException($"destination has {destination.Length} bytes; the frame needs {description.DecodedFrameLength}", nameof(destination));
        }

        var header = J2kHeader.Read(encoded);
        Check(header, description);
        OpenJpegInterop.EnsureAvailable();
        using var codec = OpenJpegInterop.CreateDecompress(header.Jp2 ? OpenJpegInterop.CodecJP2 : OpenJpegInterop.CodecJ2K);
        if (codec.IsInvalid)
        {
            throw new InvalidOperationException("OpenJPEG could not create a decoder");
        }

        fixed (byte* data = encoded)
        {
            var state = new MemoryStreamState { Data = data, Length = encoded.Length };
            OpenJpegInterop.SetErrorHandler(codec, &MemoryStreamState.OnError, &state);
            OpenJpegInterop.SetWarningHandler(codec, &MemoryStreamState.Ignore, null);
            OpenJpegInterop.SetInfoHandler(codec, &MemoryStreamState.Ignore, null);
            var parameters = stackalloc byte[OpenJpegInterop.DecoderParametersSize];
            new Span<byte>(parameters, OpenJpegInterop.DecoderParametersSize).Clear();
            OpenJpegInterop.SetDefaultDecoderParameters(parameters);
            Require(OpenJpegInterop.SetupDecoder(codec, parameters), "set up the decoder", ref state);

            // Strict mode: a truncated code stream is an error, not a silently partial image.
            Require(OpenJpegInterop.DecoderSetStrictMode(codec, 1), "enable strict mode", ref state);

            using var stream = OpenJpegInterop.StreamCreate(1 << 16, 1);
            OpenJpegInterop.StreamSetReadFunction(stream, &MemoryStreamState.Read);
            OpenJpegInterop.StreamSetSkipFunction(stream, &MemoryStreamState.Skip);
            OpenJpegInterop.StreamSetSeekFunction(stream, &MemoryStreamState.Seek);
            OpenJpegInterop.StreamSetUserData(stream, &state, null);
            OpenJpegInterop.StreamSetUserDataLength(stream, (ulong)encoded.Length);

            OpenJpegInterop.Image* image = null;
            try
            {
                Require(OpenJpegInterop.ReadHeader(stream, codec, &image), "read the header", ref state);
                Require(OpenJpegInterop.Decode(codec, stream, image), "decode", ref state);
                Require(OpenJpegInterop.EndDecompress(codec, stream), "finish decoding", ref state);
                CopySamples(image, description, destination);
            }
            finally
            {
                if (image is not null)
                {
                    OpenJpegInterop.ImageDestroy(image);
                }
            }
        }

        var transformed = header.MultipleComponentTransform && header.Components == 3
            && description.PhotometricInterpretation is "YBR_RCT" or "YBR_ICT";
        return transformed ? "RGB" : description.PhotometricInterpretation;
    }

    private static void Require(int ok, string step, ref MemoryStreamState state)
    {
        if (ok == 0)
        {
            throw new InvalidDicomException($"JPEG 2000 frame cannot be decoded: OpenJPEG failed to {step}" + (state.ErrorMessage is { } m ? $" ({m})" : string.Empty), -1);
        }
    }

    private static void Check(J2kHeader h, PixelDescription d)
    {
        if (h.Width != d.Columns || h.Height != d.Rows || h.Components != d.SamplesPerPixel)
        {
            throw new InvalidDicomException($"JPEG 2000 frame is {h.Width}x{h.Height} with {h.Components} components; the dataset says {d.Columns}x{d.Rows} with {d.SamplesPerPixel} samples", -1);
        }

        if (h.Tiles > MaxTiles || h.Tiles > d.PixelsPerFrame)
        {
            throw new InvalidDicomException($"JPEG 2000 frame declares {h.Tiles} tiles for a {d.Columns}x{d.Rows} image", -1);
        }

        if (h.Subsampled)
        {
            throw new UnsupportedPixelDataException("JPEG 2000 frames with subsampled components are not supported");
        }

        if (h.Precision.Any(p => p > 8 * d.BytesPerSample))
        {
            throw new InvalidDicomException($"JPEG 2000 precision {h.Precision.Max()} does not fit BitsAllocated {d.BitsAllocated}", -1);
        }
    }

    private static unsafe void CopySamples(OpenJpegInterop.Image* image, PixelDescription d, Span<byte> destination)
    {
        if (image->NumComps != d.SamplesPerPixel)
        {
            throw new InvalidDicomException($"OpenJPEG decoded {image->NumComps} components; the dataset has {d.SamplesPerPixel}", -1);
        }

        var samples = d.SamplesPerPixel;
        var pixels = (int)d.PixelsPerFrame;
        var bps = d.BytesPerSample;
        for (var c = 0; c < samples; c++)
        {
            var comp = image->Comps[c];
            if (comp.W != d.Columns || comp.H != d.Rows || comp.Data is null)
            {
                throw new InvalidDicomException($"OpenJPEG decoded component {c} as {comp.W}x{comp.H}; the dataset says {d.Columns}x{d.Rows}", -1);
            }

            var values = new ReadOnlySpan<int>(comp.Data, pixels);
            for (var p = 0; p < pixels; p++)
            {
                var at = ((p * samples) + c) * bps;
                switch (bps)
                {
                    case 1:
                        destination[at] = (byte)values[p];
                        break;
                    case 2:
                        BinaryPrimitives.WriteInt16LittleEndian(destination[at..], (short)values[p]);
                        break;
                    default:
                        BinaryPrimitives.WriteInt32LittleEndian(destination[at..], values[p]);
                        break;
                }
            }
        }
    }
}
