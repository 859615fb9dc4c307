namespace RadAnon.SyntheticData.Captures;

/// <summary>A plane projective transform (3x3, h33 = 1) fitted exactly to four point pairs.</summary>
public sealed class Homography
{
    private readonly double[] h;

    private Homography(double[] h) => this.h = h;

    /// <summary>The transform taking each of <paramref name="from"/> to the matching point of <paramref name="to"/>.</summary>
    public static Homography Fit(IReadOnlyList<(double X, double Y)> from, IReadOnlyList<(double X, double Y)> to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (from.Count != 4 || to.Count != 4)
        {
            throw new ArgumentException("a homography is fitted to exactly four point pairs");
        }

        var a = new double[8, 9];
        for (var i = 0; i < 4; i++)
        {
            var (x, y) = from[i];
            var (u, v) = to[i];
            double[] rowU = [x, y, 1, 0, 0, 0, -u * x, -u * y, u];
            double[] rowV = [0, 0, 0, x, y, 1, -v * x, -v * y, v];
            for (var j = 0; j < 9; j++)
            {
                a[2 * i, j] = rowU[j];
                a[(2 * i) + 1, j] = rowV[j];
            }
        }

        return new Homography([.. Solve(a), 1]);
    }

    public (double X, double Y) Apply(double x, double y)
    {
        var w = (h[6] * x) + (h[7] * y) + h[8];
        return (((h[0] * x) + (h[1] * y) + h[2]) / w, ((h[3] * x) + (h[4] * y) + h[5]) / w);
    }

    /// <summary>Gauss-Jordan elimination with partial pivoting of an 8x9 augmented system.</summary>
    private static double[] Solve(double[,] a)
    {
        const int n = 8;
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++)
            {
                pivot = Math.Abs(a[r, col]) > Math.Abs(a[pivot, col]) ? r : pivot;
            }

            for (var j = 0; j <= n; j++)
            {
                (a[col, j], a[pivot, j]) = (a[pivot, j], a[col, j]);
            }

            for (var r = 0; r < n; r++)
            {
                if (r != col)
                {
                    var f = a[r, col] / a[col, col];
                    for (var j = col; j <= n; j++)
                    {
                        a[r, j] -= f * a[col, j];
                    }
                }
            }
        }

        var x = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = a[i, n] / a[i, i];
        }

        return x;
    }
}
