namespace RadAnon.Core.Pixels.Text;

// The along/across view of a line's neighbourhood that both walks of LineContinuation read pixels through.
internal static partial class LineContinuation
{
    /// <summary>Along/across coordinates of a horizontal or vertical line, so one walk serves both.</summary>
    private readonly record struct Geometry(bool Vertical, int Width, int Height, PixelBox Line)
    {
        public int AlongStart => Vertical ? Line.Y : Line.X;

        public int AlongEnd => Vertical ? Line.Bottom : Line.Right;

        public int AlongLength => Vertical ? Height : Width;

        public int AcrossStart => Vertical ? Line.X : Line.Y;

        public int AcrossEnd => Vertical ? Line.Right : Line.Bottom;

        private int AcrossLength => Vertical ? Width : Height;

        /// <summary>
        /// Pixels within <paramref name="tolerance"/> of the ink at <paramref name="along"/>, across [from, to) clipped to
        /// the image (and, when <paramref name="background"/> is not negative, more than <paramref name="separation"/> from
        /// it), and the span from the first to the last of them.
        /// </summary>
        public (int Count, int Extent) InkSpan(byte[] view, int along, int from, int to, int ink, int tolerance, int background = -1, int separation = 0)
        {
            var (count, first, last) = (0, -1, -1);
            for (var c = Math.Max(0, from); c < Math.Min(AcrossLength, to); c++)
            {
                var v = Vertical ? view[(along * Width) + c] : view[(c * Width) + along];
                if (Math.Abs(v - ink) <= tolerance && (background < 0 || Math.Abs(v - background) > separation))
                {
                    count++;
                    first = first < 0 ? c : first;
                    last = c;
                }
            }

            return (count, count == 0 ? 0 : last - first + 1);
        }

        /// <summary>The values at <paramref name="along"/>, across [from, to) clipped to the image, added to <paramref name="values"/>.</summary>
        public void Collect(byte[] view, int along, int from, int to, List<int> values)
        {
            for (var c = Math.Max(0, from); c < Math.Min(AcrossLength, to); c++)
            {
                values.Add(Vertical ? view[(along * Width) + c] : view[(c * Width) + along]);
            }
        }

        /// <summary>Pixels at <paramref name="along"/>, across [from, to) clipped, more than <paramref name="tolerance"/> below and above <paramref name="level"/>.</summary>
        public (int Below, int Above) CountOff(byte[] view, int along, int from, int to, int level, int tolerance)
        {
            var (below, above) = (0, 0);
            for (var c = Math.Max(0, from); c < Math.Min(AcrossLength, to); c++)
            {
                var v = Vertical ? view[(along * Width) + c] : view[(c * Width) + along];
                below += v < level - tolerance ? 1 : 0;
                above += v > level + tolerance ? 1 : 0;
            }

            return (below, above);
        }

        /// <summary>Pixels within <paramref name="tolerance"/> of the ink at <paramref name="along"/>, across [from, to) clipped to the image.</summary>
        public int CountInk(byte[] view, int along, int from, int to, int ink, int tolerance)
        {
            var count = 0;
            for (var c = Math.Max(0, from); c < Math.Min(AcrossLength, to); c++)
            {
                var v = Vertical ? view[(along * Width) + c] : view[(c * Width) + along];
                count += Math.Abs(v - ink) <= tolerance ? 1 : 0;
            }

            return count;
        }

        public bool Blocked(int along, IReadOnlyList<PixelBox> stops)
        {
            foreach (var s in stops)
            {
                var (a0, a1, c0, c1) = Vertical ? (s.Y, s.Bottom, s.X, s.Right) : (s.X, s.Right, s.Y, s.Bottom);
                if (along >= a0 && along < a1 && c1 > AcrossStart && c0 < AcrossEnd)
                {
                    return true;
                }
            }

            return false;
        }

        public PixelBox Box(int alongStart, int alongEnd) => Vertical
            ? new PixelBox(Line.X, alongStart, Line.Width, alongEnd - alongStart)
            : new PixelBox(alongStart, Line.Y, alongEnd - alongStart, Line.Height);
    }
}
