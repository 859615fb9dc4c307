using RadAnon.Api.Problems;

namespace RadAnon.Api.Hosting;

/// <summary>
/// One cap on the image bytes held in memory across every upload in flight (issue 20, finding 10): bodies are buffered
/// before the pixel queue, so without it many large uploads held open at once could take any amount of memory. A request
/// whose bytes would pass the cap gets 503 with Retry-After; its share is released when the request ends.
/// </summary>
public sealed class UploadBudget
{
    private readonly long _capacity;
    private long _used;

    public UploadBudget(long capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    public long Capacity => _capacity;

    /// <summary>Bytes held now, for tests and metrics.</summary>
    public long Used => Interlocked.Read(ref _used);

    /// <summary>A share of the budget for one request, released with the response.</summary>
    public Lease Open(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var lease = new Lease(this);
        context.Response.RegisterForDispose(lease);
        return lease;
    }

    private bool TryTake(long bytes)
    {
        while (true)
        {
            var used = Interlocked.Read(ref _used);
            if (used + bytes > _capacity)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _used, used + bytes, used) == used)
            {
                return true;
            }
        }
    }

    private void Give(long bytes) => Interlocked.Add(ref _used, -bytes);

    /// <summary>What one request holds; <see cref="Grow"/> before buffering more bytes.</summary>
    public sealed class Lease : IDisposable
    {
        private readonly UploadBudget _budget;
        private long _held;

        internal Lease(UploadBudget budget) => _budget = budget;

        /// <summary>Holds <paramref name="total"/> bytes in all (never less than already held); 503 when the cap would be passed.</summary>
        public void Grow(long total)
        {
            var more = total - Interlocked.Read(ref _held);
            if (more <= 0)
            {
                return;
            }

            if (!_budget.TryTake(more))
            {
                throw new ApiProblemException(ProblemTypes.Busy,
                    $"uploads in progress already hold the most memory allowed ({_budget._capacity} bytes, RadAnon:Limits:MaxBufferedUploadBytes); retry after the indicated delay",
                    TimeSpan.FromSeconds(5));
            }

            Interlocked.Add(ref _held, more);
        }

        public void Dispose() => _budget.Give(Interlocked.Exchange(ref _held, 0));
    }
}
