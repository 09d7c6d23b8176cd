namespace SnapshotHa.Sandbox.ApiServer.Http;

/// <summary>Faults armed for the next requests matching a method and path prefix.</summary>
internal sealed class FaultInjector
{
    private readonly Lock _lock = new();
    private readonly List<ArmedFault> _faults = [];

    /// <summary>Arms a fault: the next <paramref name="times"/> requests matching get <paramref name="statusCode"/>.</summary>
    public void Arm(string method, string pathPrefix, int statusCode, int times)
    {
        lock (_lock)
        {
            _faults.Add(new ArmedFault(method, pathPrefix, statusCode) { Remaining = times });
        }
    }

    /// <summary>Disarms every fault not used up yet.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _faults.Clear();
        }
    }

    /// <summary>The status code to fail this request with, consuming one use of the first matching fault; null when none.</summary>
    public int? Take(string method, string path)
    {
        lock (_lock)
        {
            var fault = _faults.Find(f => string.Equals(f.Method, method, StringComparison.OrdinalIgnoreCase)
                && path.StartsWith(f.PathPrefix, StringComparison.Ordinal));
            if (fault is null)
            {
                return null;
            }

            if (--fault.Remaining <= 0)
            {
                _faults.Remove(fault);
            }

            return fault.StatusCode;
        }
    }

    private sealed record ArmedFault(string Method, string PathPrefix, int StatusCode)
    {
        public int Remaining { get; set; }
    }
}
