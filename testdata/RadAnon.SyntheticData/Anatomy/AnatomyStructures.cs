namespace RadAnon.SyntheticData.Anatomy;

/// <summary>
/// Painters of text-free structures that have fooled text detectors: rib stripes, trabecular networks of short thin
/// strokes, collimator edges, anti-scatter grid lines and the periodic teeth of orthopaedic screw threads.
/// </summary>
internal static class AnatomyStructures
{
    /// <summary>A soft body, darker lungs either side of a spine: the base every image starts from.</summary>
    public static void Body(AnatomyField f, Random rng)
    {
        var cx = f.Width * (0.45 + (0.1 * rng.NextDouble()));
        var rx = f.Width * (0.36 + (0.08 * rng.NextDouble()));
        var ry = f.Height * (0.42 + (0.06 * rng.NextDouble()));
        var cy = f.Height * 0.5;
        var tilt = (rng.NextDouble() - 0.5) * 0.2;
        for (var y = 0; y < f.Height; y++)
        {
            for (var x = 0; x < f.Width; x++)
            {
                var dx = (x - cx) / rx;
                var dy = (y - cy) / ry;
                var body = 1 / (1 + Math.Exp((Math.Sqrt((dx * dx) + (dy * dy)) - 1) * 10));
                var lung = Math.Exp(-Math.Pow((Math.Abs(dx) - 0.45) / 0.25, 2) - Math.Pow((dy + 0.1) / 0.5, 2));
                f[x, y] = (float)(0.1 + (tilt * x / f.Width) + (0.4 * body) - (0.18 * body * lung));
            }
        }
    }

    /// <summary>A spine of vertebral blocks and 9-12 pairs of curved ribs with bright cortical rims.</summary>
    public static void RibCage(AnatomyField f, Random rng)
    {
        var cx = f.Width * (0.47 + (0.06 * rng.NextDouble()));
        var spine = f.Width * (0.035 + (0.015 * rng.NextDouble()));
        var top = f.Height * (0.12 + (0.06 * rng.NextDouble()));
        var pairs = 9 + rng.Next(4);
        var spacing = f.Height * (0.055 + (0.01 * rng.NextDouble()));
        for (var v = 0; v < pairs + 4; v++)
        {
            var y = top + (v * spacing * 0.95);
            f.Stroke([(cx - (spine * 0.6), y), (cx + (spine * 0.6), y)], spacing * 0.38, false);
        }

        f.AddLayer(0.18);
        for (var i = 0; i < pairs; i++)
        {
            var thick = 5 + rng.Next(6);
            var span = f.Width * (0.28 + (0.08 * rng.NextDouble()));
            var drop = spacing * (1.5 + rng.NextDouble());
            foreach (var side in new[] { -1, 1 })
            {
                var y0 = top + (i * spacing);
                var points = Enumerable.Range(0, 41).Select(k => RibPoint(k / 40.0, cx, y0, side, spine, span, spacing, drop)).ToList();
                f.Stroke(points, thick, true);
            }
        }

        f.AddLayer(0.14);
    }

    /// <summary>A point of a rib at t (0 at the spine, 1 at its lateral end): outward, arching up, then dropping.</summary>
    private static (double X, double Y) RibPoint(double t, double cx, double y0, int side, double spine, double span, double spacing, double drop) =>
        (cx + (side * (spine + (span * Math.Sin(t * Math.PI * 0.6) / Math.Sin(Math.PI * 0.6)))),
         y0 - (spacing * 0.4 * Math.Sin(t * Math.PI)) + (drop * t * t));

    /// <summary>A long bone whose medulla is a network of short thin strokes in every direction.</summary>
    public static void Trabecular(AnatomyField f, Random rng)
    {
        var cx = f.Width * (0.3 + (0.4 * rng.NextDouble()));
        var cy = f.Height * (0.3 + (0.4 * rng.NextDouble()));
        var a = f.Height * (0.25 + (0.1 * rng.NextDouble()));
        var b = f.Width * (0.08 + (0.05 * rng.NextDouble()));
        var t = (rng.NextDouble() - 0.5) * 0.8;
        var (c, s) = (Math.Cos(t), Math.Sin(t));
        f.Stroke([(cx - (a * s), cy - (a * c)), (cx + (a * s), cy + (a * c))], b, true);
        f.AddLayer(0.22);
        var count = 500 + rng.Next(700);
        for (var i = 0; i < count; i++)
        {
            var u = (rng.NextDouble() * 2) - 1;
            var w = ((rng.NextDouble() * 2) - 1) * 0.85;
            var (x, y) = (cx + (u * a * s) + (w * b * c), cy + (u * a * c) - (w * b * s));
            var angle = rng.NextDouble() * Math.PI;
            var len = 6 + (rng.NextDouble() * 22);
            var (dx, dy) = (Math.Cos(angle) * len / 2, Math.Sin(angle) * len / 2);
            f.Stroke([(x - dx, y - dy), (x + dx, y + dy)], 0.8 + (rng.NextDouble() * 1.4), false);
        }

        f.AddLayer(0.07 + (0.06 * rng.NextDouble()));
    }

    /// <summary>Fine parallel lines over the whole field, as a stationary anti-scatter grid leaves them.</summary>
    public static void GridLines(AnatomyField f, Random rng)
    {
        var period = 2.5 + (rng.NextDouble() * 6);
        var amplitude = 0.01 + (0.03 * rng.NextDouble());
        var vertical = rng.Next(2) == 0;
        var hard = rng.Next(2) == 0;
        for (var y = 0; y < f.Height; y++)
        {
            for (var x = 0; x < f.Width; x++)
            {
                var phase = (vertical ? x : y) / period;
                var line = hard ? (phase - Math.Floor(phase) < 0.3 ? 1 : 0) : Math.Sin(phase * 2 * Math.PI);
                f[x, y] -= (float)(amplitude * line);
            }
        }
    }

    /// <summary>A screw with a head and a triangular thread profile, and sometimes a plate with round holes.</summary>
    public static void Screw(AnatomyField f, Random rng)
    {
        var (cx, cy) = (f.Width * (0.25 + (0.5 * rng.NextDouble())), f.Height * (0.25 + (0.5 * rng.NextDouble())));
        var angle = rng.NextDouble() * Math.PI;
        var (c, s) = (Math.Cos(angle), Math.Sin(angle));
        var half = 90 + rng.Next(130);
        var core = 6 + rng.Next(10);
        var depth = 3 + rng.Next(6);
        var pitch = 6 + rng.Next(10);
        var metal = (float)(0.9 + (0.08 * rng.NextDouble()));
        var reach = half + 40;
        for (var y = Math.Max(0, (int)(cy - reach)); y < Math.Min(f.Height, (int)(cy + reach)); y++)
        {
            for (var x = Math.Max(0, (int)(cx - reach)); x < Math.Min(f.Width, (int)(cx + reach)); x++)
            {
                var u = ((x - cx) * c) + ((y - cy) * s);
                var v = Math.Abs((-(x - cx) * s) + ((y - cy) * c));
                var tooth = Math.Abs(((u / pitch) - Math.Floor(u / pitch)) - 0.5) * 2;
                var inside = (u > -half && u < half && v < core + (depth * tooth)) || (u >= half && u < half + 14 && v < core + depth + 10);
                if (inside)
                {
                    f[x, y] = metal;
                }
            }
        }

        if (rng.Next(2) == 0)
        {
            Plate(f, rng, cx, cy, angle + (Math.PI / 2), metal);
        }
    }

    /// <summary>A straight plate across the screw with round holes at even steps.</summary>
    private static void Plate(AnatomyField f, Random rng, double cx, double cy, double angle, float metal)
    {
        var (c, s) = (Math.Cos(angle), Math.Sin(angle));
        var half = 120 + rng.Next(120);
        var width = 14 + rng.Next(10);
        var step = 30 + rng.Next(20);
        for (var y = Math.Max(0, (int)(cy - half)); y < Math.Min(f.Height, (int)(cy + half)); y++)
        {
            for (var x = Math.Max(0, (int)(cx - half)); x < Math.Min(f.Width, (int)(cx + half)); x++)
            {
                var u = ((x - cx) * c) + ((y - cy) * s);
                var v = (-(x - cx) * s) + ((y - cy) * c);
                var hole = u - (step * Math.Round(u / step));
                if (Math.Abs(u) < half && Math.Abs(v) < width && (hole * hole) + (v * v) > width * width * 0.3)
                {
                    f[x, y] = Math.Max(f[x, y], metal - 0.05f);
                }
            }
        }
    }

    /// <summary>Collimation: everything outside a (slightly rotated) rectangle is flat and bright or dark, with a sharp edge.</summary>
    public static void Collimator(AnatomyField f, Random rng)
    {
        var angle = (rng.NextDouble() - 0.5) * 0.3;
        var (c, s) = (Math.Cos(angle), Math.Sin(angle));
        var (hx, hy) = (f.Width * (0.3 + (0.15 * rng.NextDouble())), f.Height * (0.3 + (0.15 * rng.NextDouble())));
        var (cx, cy) = (f.Width * (0.45 + (0.1 * rng.NextDouble())), f.Height * (0.45 + (0.1 * rng.NextDouble())));
        var outside = rng.Next(2) == 0 ? 0.9f : 0.04f;
        for (var y = 0; y < f.Height; y++)
        {
            for (var x = 0; x < f.Width; x++)
            {
                var u = Math.Abs(((x - cx) * c) + ((y - cy) * s));
                var v = Math.Abs((-(x - cx) * s) + ((y - cy) * c));
                if (u > hx || v > hy)
                {
                    f[x, y] = outside;
                }
            }
        }
    }
}
