using System.Runtime.InteropServices;

namespace RadAnon.Core.Ocr;

/// <summary>Owns one <c>TessBaseAPI*</c>; releasing it calls <c>TessBaseAPIDelete</c>.</summary>
internal sealed class TessBaseApiHandle : SafeHandle
{
    public TessBaseApiHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        Interop.TessBaseAPIDelete(handle);
        return true;
    }
}
