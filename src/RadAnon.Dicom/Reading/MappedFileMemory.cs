using System.Buffers;
using System.IO.MemoryMappedFiles;

namespace RadAnon.Dicom.Reading;

/// <summary>
/// A read-only memory-mapped view of a file exposed as <see cref="Memory{T}"/>, so a lazily read file's
/// pixel data is paged in by the OS only when touched and never copied into the managed heap.
/// </summary>
internal sealed unsafe class MappedFileMemory : MemoryManager<byte>
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _pointer;
    private readonly int _length;

    private MappedFileMemory(MemoryMappedFile file, MemoryMappedViewAccessor view, int length)
    {
        _file = file;
        _view = view;
        _length = length;
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _pointer = pointer + view.PointerOffset;
    }

    public static MappedFileMemory Open(string path)
    {
        // The size comes from the opened file, not from a FileInfo: that one describes a symbolic link itself (the
        // length of its target's name), and a size read before opening could change before the mapping.
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        try
        {
            var length = stream.Length;
            if (length > int.MaxValue)
            {
                throw new InvalidDicomException($"file of {length} bytes is larger than the 2 GiB a single file may be", -1);
            }

            if (length == 0)
            {
                throw new InvalidDicomException("file is empty", 0);
            }

            var file = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
            var view = file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
            return new MappedFileMemory(file, view, (int)length);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public override Span<byte> GetSpan() => new(_pointer, _length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
            _file.Dispose();
        }
    }
}
