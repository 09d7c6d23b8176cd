using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SnapshotHa.Kube.Validation;
using SnapshotHa.Sandbox.ApiServer.Errors;
using SnapshotHa.Sandbox.ApiServer.Resources;

namespace SnapshotHa.Sandbox.ApiServer.Registry;

/// <summary>What kube-apiserver does to an object on create: names, server-owned metadata, status reset.</summary>
internal static partial class CreateRules
{
    private const string NameSuffixAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>
    /// Prepares <paramref name="body"/> for storing as a new object in namespace <paramref name="ns"/>: checks kind and
    /// apiVersion, resolves generateName, sets uid, creationTimestamp and generation, drops server-owned fields and, with a
    /// status subresource, the status. Throws <see cref="ApiException"/> 400/422 for a bad body.
    /// </summary>
    public static JsonObject Prepare(ResourceType type, string? ns, JsonObject body, DateTimeOffset now, Random random)
    {
        CheckKind(type, body);
        var metadata = ObjectFields.Metadata(body);
        var bodyNamespace = ObjectFields.MetadataString(body, "namespace");
        if (type.Namespaced && bodyNamespace is { Length: > 0 } && bodyNamespace != ns)
        {
            throw ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        var name = ObjectFields.MetadataString(body, "name");
        if (string.IsNullOrEmpty(name))
        {
            var prefix = ObjectFields.MetadataString(body, "generateName");
            if (string.IsNullOrEmpty(prefix))
            {
                throw ApiErrors.Invalid(type, string.Empty, [new FieldError("metadata.name", "FieldValueRequired", "Required value: name or generateName is required")]);
            }

            name = prefix + new string(Enumerable.Range(0, 5).Select(_ => NameSuffixAlphabet[random.Next(NameSuffixAlphabet.Length)]).ToArray());
        }

        CheckName(type, name);
        metadata["name"] = name;
        if (type.Namespaced)
        {
            metadata["namespace"] = ns;
        }
        else
        {
            metadata.Remove("namespace");
        }

        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = ObjectFields.Timestamp(now);
        metadata.Remove("deletionTimestamp");
        metadata.Remove("deletionGracePeriodSeconds");
        metadata.Remove("resourceVersion");
        metadata.Remove("managedFields");
        metadata.Remove("selfLink");
        if (type.TracksGeneration)
        {
            metadata["generation"] = 1;
        }
        else
        {
            metadata.Remove("generation");
        }

        if (type.HasStatusSubresource)
        {
            body.Remove("status");
        }

        SecretData.Normalize(type, body);
        if (type.Group.Length == 0 && type.Kind is "Namespace" or "Pod")
        {
            body["status"] = new JsonObject { ["phase"] = type.Kind == "Pod" ? "Pending" : "Active" };
        }

        return body;
    }

    /// <summary>Sets apiVersion and kind when missing; throws 400 when they name another resource.</summary>
    public static void CheckKind(ResourceType type, JsonObject body)
    {
        var kind = ObjectFields.AsString(body["kind"]);
        var apiVersion = ObjectFields.AsString(body["apiVersion"]);
        if (kind is { Length: > 0 } && kind != type.Kind)
        {
            throw ApiErrors.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({type.Kind})");
        }

        if (apiVersion is { Length: > 0 } && apiVersion != type.ApiVersion)
        {
            throw ApiErrors.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion})");
        }

        body["kind"] = type.Kind;
        body["apiVersion"] = type.ApiVersion;
    }

    /// <summary>Throws 422 unless <paramref name="name"/> is a lowercase RFC 1123 subdomain.</summary>
    public static void CheckName(ResourceType type, string name)
    {
        if (name.Length > 253 || !Subdomain().IsMatch(name))
        {
            throw ApiErrors.Invalid(type, name, [new FieldError(
                "metadata.name",
                "FieldValueInvalid",
                $"Invalid value: \"{name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")]);
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();
}
