using System.Xml.Linq;
using SnapshotHa.Vim.Soap;

namespace SnapshotHa.Vim.Properties;

/// <summary>One page of a property retrieval (<c>RetrieveResult</c>).</summary>
/// <param name="Token">Continuation token, or null on the last page.</param>
/// <param name="Objects">The objects of this page.</param>
internal sealed record RetrieveResult(string? Token, IReadOnlyList<ObjectContent> Objects)
{
    /// <summary>Parses a RetrievePropertiesEx / ContinueRetrievePropertiesEx response; no or an empty <c>returnval</c> is an empty page.</summary>
    public static RetrieveResult Parse(XElement response)
    {
        var returnval = response.Child("returnval");
        if (returnval is null)
        {
            return new RetrieveResult(null, []);
        }

        var token = returnval.Text("token");
        return new RetrieveResult(
            string.IsNullOrEmpty(token) ? null : token,
            [.. returnval.Children("objects").Select(ObjectContent.Parse)]);
    }
}
