namespace RadAnon.Core.Pixels.Text.Learned;

/// <summary>
/// Text boxes from one pass's map as DBNet post-processing makes them: 4-connected components of cells at or above the
/// pixel threshold, kept when their mean probability reaches the box threshold, each grown by area × unclip ratio /
/// perimeter (the model is trained on shrunk text kernels) and mapped back to image coordinates.
/// </summary>
internal static class MapBoxes
{
    public static IEnumerable<LearnedTextBox> Find(ProbabilityLayer layer, LearnedDetectorSettings settings)
    {
        var level = (byte)Math.Ceiling(settings.PixelThreshold * 255);
        var labels = new int[layer.Width * layer.Height];
        var stack = new Stack<int>();
        var next = 0;
        var found = new List<LearnedTextBox>();
        for (var start = 0; start < labels.Length; start++)
        {
            if (labels[start] != 0 || layer.Probability[start] < level)
            {
                continue;
            }

            var component = Flood(layer, labels, start, ++next, level, stack);
            if (component.Cells >= settings.MinComponentCells && component.Sum / (255.0 * component.Cells) >= settings.BoxThreshold)
            {
                found.Add(new LearnedTextBox(Unclip(layer, component, settings.UnclipRatio), component.Sum / (255.0 * component.Cells)));
            }
        }

        return found;
    }

    private static Component Flood(ProbabilityLayer layer, int[] labels, int start, int label, byte level, Stack<int> stack)
    {
        var c = new Component { X0 = int.MaxValue, Y0 = int.MaxValue, X1 = -1, Y1 = -1 };
        labels[start] = label;
        stack.Push(start);
        while (stack.Count > 0)
        {
            var i = stack.Pop();
            int x = i % layer.Width, y = i / layer.Width;
            c.Add(x, y, layer.Probability[i]);
            Visit(layer, labels, stack, label, level, x > 0 ? i - 1 : -1);
            Visit(layer, labels, stack, label, level, x < layer.Width - 1 ? i + 1 : -1);
            Visit(layer, labels, stack, label, level, y > 0 ? i - layer.Width : -1);
            Visit(layer, labels, stack, label, level, y < layer.Height - 1 ? i + layer.Width : -1);
        }

        return c;
    }

    private static void Visit(ProbabilityLayer layer, int[] labels, Stack<int> stack, int label, byte level, int i)
    {
        if (i >= 0 && labels[i] == 0 && layer.Probability[i] >= level)
        {
            labels[i] = label;
            stack.Push(i);
        }
    }

    /// <summary>The component's box grown by DBNet's unclip distance (from the box's area and perimeter), in image coordinates.</summary>
    private static PixelBox Unclip(ProbabilityLayer layer, Component c, double ratio)
    {
        int w = c.X1 - c.X0 + 1, h = c.Y1 - c.Y0 + 1;
        var distance = w * (double)h * ratio / (2.0 * (w + h));
        var grow = (int)Math.Ceiling(distance);
        return layer.ToImage(c.X0 - grow, c.Y0 - grow, w + (2 * grow), h + (2 * grow));
    }

    private struct Component
    {
        public int X0;
        public int Y0;
        public int X1;
        public int Y1;
        public int Cells;
        public long Sum;

        public void Add(int x, int y, byte p)
        {
            X0 = Math.Min(X0, x);
            Y0 = Math.Min(Y0, y);
            X1 = Math.Max(X1, x);
            Y1 = Math.Max(Y1, y);
            Cells++;
            Sum += p;
        }
    }
}
