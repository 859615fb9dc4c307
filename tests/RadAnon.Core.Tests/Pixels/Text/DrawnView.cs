using RadAnon.Core.Pixels.Text;

namespace RadAnon.Core.Tests.Pixels.Text;

/// <summary>Drawing on the row-major 8-bit views the text tests build by hand.</summary>
internal static class DrawnView
{
    /// <summary>Sets every pixel of <paramref name="box"/> to <paramref name="value"/>.</summary>
    public static void Fill(byte[] view, int width, PixelBox box, byte value)
    {
        for (var y = box.Y; y < box.Bottom; y++)
        {
            view.AsSpan((y * width) + box.X, box.Width).Fill(value);
        }
    }
}
