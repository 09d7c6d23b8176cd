using System.Text.Json.Nodes;
using SnapshotHa.Sandbox.ApiServer.Errors;
using SnapshotHa.Sandbox.ApiServer.Registry;
using SnapshotHa.Sandbox.ApiServer.Resources;

namespace SnapshotHa.Sandbox.ApiServer.Selectors;

/// <summary>
/// A parsed field selector (<c>f=v</c>, <c>f==v</c>, <c>f!=v</c>, comma-ANDed) over metadata.name, metadata.namespace and
/// the resource's selectable fields, as kube-apiserver allows them (an Event's <c>source</c> is its source.component).
/// </summary>
internal sealed class FieldSelector
{
    private readonly IReadOnlyList<(string Field, string Value, bool Negate)> _terms;

    private FieldSelector(IReadOnlyList<(string Field, string Value, bool Negate)> terms) => _terms = terms;

    /// <summary>
    /// Parses <paramref name="text"/> for <paramref name="type"/>; throws <see cref="ApiException"/> 400 for a malformed term
    /// or a field the resource does not support.
    /// </summary>
    public static FieldSelector Parse(string? text, ResourceType type)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new FieldSelector([]);
        }

        var terms = new List<(string, string, bool)>();
        foreach (var raw in text.Split(','))
        {
            var part = raw.Trim();
            var (op, negate) = part.Contains("!=", StringComparison.Ordinal) ? ("!=", true)
                : part.Contains("==", StringComparison.Ordinal) ? ("==", false)
                : ("=", false);
            var at = part.IndexOf(op, StringComparison.Ordinal);
            if (at <= 0)
            {
                throw ApiErrors.BadRequest($"invalid field selector: \"{part}\"");
            }

            var field = part[..at].Trim();
            if (field is not ("metadata.name" or "metadata.namespace") && !type.SelectableFields.Contains(field))
            {
                throw ApiErrors.BadRequest($"field label not supported: {field}");
            }

            terms.Add((type is { Group: "", Kind: "Event" } && field == "source" ? "source.component" : field, part[(at + op.Length)..].Trim(), negate));
        }

        return new FieldSelector(terms);
    }

    /// <summary>Whether the selector has no terms.</summary>
    public bool IsEmpty => _terms.Count == 0;

    /// <summary>Whether <paramref name="obj"/> satisfies every term (a missing field compares as the empty string).</summary>
    public bool Matches(JsonObject obj) =>
        _terms.All(t => (ObjectFields.AtDottedPath(obj, t.Field) ?? string.Empty) == t.Value != t.Negate);
}
