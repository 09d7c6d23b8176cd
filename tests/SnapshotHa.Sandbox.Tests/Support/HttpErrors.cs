using System.Text.Json;
using k8s.Autorest;

namespace SnapshotHa.Sandbox.Tests.Support;

public static class HttpErrors
{
    /// <summary>Runs <paramref name="call"/>, expecting an HTTP failure; returns the status code and the Status body.</summary>
    public static async Task<(int Code, JsonElement Status)> CaptureAsync(Func<Task> call)
    {
        var failure = await call.Should().ThrowAsync<HttpOperationException>();
        var response = failure.Which.Response;
        return ((int)response.StatusCode, JsonDocument.Parse(response.Content).RootElement.Clone());
    }
}
