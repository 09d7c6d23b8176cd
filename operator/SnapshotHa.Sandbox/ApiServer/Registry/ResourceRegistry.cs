using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using SnapshotHa.Sandbox.ApiServer.Errors;
using SnapshotHa.Sandbox.ApiServer.Patching;
using SnapshotHa.Sandbox.ApiServer.Resources;
using SnapshotHa.Sandbox.ApiServer.Storage;
using SnapshotHa.Sandbox.ApiServer.Validation;

namespace SnapshotHa.Sandbox.ApiServer.Registry;

/// <summary>The verbs on stored objects with kube-apiserver's semantics: create, update, status update, patch, delete.</summary>
internal sealed class ResourceRegistry(ObjectStore store, IObjectAdmission admission, TimeProvider timeProvider, Random random)
{
    private readonly ConcurrentDictionary<string, bool> _orphanRequests = new(StringComparer.Ordinal);

    /// <summary>The store the registry writes to.</summary>
    public ObjectStore Store => store;

    /// <summary>
    /// Creates an object in <paramref name="ns"/>; throws 409 AlreadyExists, 400 or 422. With <paramref name="strict"/>
    /// (kubectl's <c>fieldValidation=Strict</c>) unknown fields are a 400 instead of being pruned silently.
    /// </summary>
    public StoredObject Create(ResourceType type, string? ns, JsonObject body, bool strict = false)
    {
        var prepared = Prepare(type, ns, body, strict);
        var name = ObjectFields.MetadataString(prepared, "name")!;
        return store.Change(type, ns, name, current => current is null
            ? StoreDecision.Write(prepared)
            : throw ApiErrors.AlreadyExists(type, name)).Object;
    }

    /// <summary>Replaces an object (or its status when <paramref name="statusOnly"/>); throws 404, 409 on a stale resourceVersion, 400 or 422.</summary>
    public StoredObject Update(ResourceType type, string? ns, string name, JsonObject body, bool statusOnly, bool strict = false) =>
        store.Change(type, ns, name, current =>
        {
            if (current is null)
            {
                throw ApiErrors.NotFound(type, name);
            }

            return Admitted(type, current, UpdateRules.Merge(type, current, body, name, statusOnly), name, strict);
        }).Object;

    /// <summary>
    /// Patches an object (or its status) with a body of <paramref name="mediaType"/>; an apply patch creates a missing object.
    /// Throws 404, 409, 415, 400 or 422.
    /// </summary>
    public StoreOutcome Patch(ResourceType type, string? ns, string name, string? mediaType, string body, bool statusOnly, bool strict = false) =>
        store.Change(type, ns, name, current =>
        {
            if (current is null)
            {
                if (mediaType != PatchApplier.ApplyPatchType || statusOnly)
                {
                    throw ApiErrors.NotFound(type, name);
                }

                var applied = PatchApplier.Parse(mediaType, body) as JsonObject ?? throw ApiErrors.BadRequest("an apply patch must be an object");
                ObjectFields.Metadata(applied)["name"] = name;
                return StoreDecision.Write(Prepare(type, ns, applied, strict));
            }

            var patched = PatchApplier.Apply(mediaType, current.DeepClone().AsObject(), body);
            return Admitted(type, current, UpdateRules.Merge(type, current, patched, name, statusOnly), name, strict);
        });

    /// <summary>
    /// Deletes an object: with finalizers it only gets a deletionTimestamp (the result says not deleted); without, it is
    /// removed. <paramref name="options"/> is a DeleteOptions body (preconditions, propagationPolicy) or null.
    /// </summary>
    public StoreOutcome Delete(ResourceType type, string? ns, string name, JsonObject? options)
    {
        var orphan = ObjectFields.AsString(options?["propagationPolicy"]) == "Orphan";
        var existing = store.Get(type, ns, name) ?? throw ApiErrors.NotFound(type, name);
        if (orphan)
        {
            _orphanRequests[existing.Uid] = true;
        }

        return store.Change(type, ns, name, current =>
        {
            if (current is null)
            {
                throw ApiErrors.NotFound(type, name);
            }

            CheckPreconditions(type, name, current, options?["preconditions"] as JsonObject);
            if (ObjectFields.Finalizers(current).Count == 0)
            {
                return StoreDecision.Delete(current);
            }

            if (ObjectFields.IsDeleting(current))
            {
                return StoreDecision.Keep;
            }

            var metadata = ObjectFields.Metadata(current);
            metadata["deletionTimestamp"] = ObjectFields.Timestamp(timeProvider.GetUtcNow());
            metadata["deletionGracePeriodSeconds"] = 0;
            return StoreDecision.Write(current);
        });
    }

    /// <summary>Whether the deletion of the owner with <paramref name="uid"/> asked to orphan its dependents (asked once).</summary>
    public bool TakeOrphanRequest(string uid) => _orphanRequests.TryRemove(uid, out _);

    private JsonObject Prepare(ResourceType type, string? ns, JsonObject body, bool strict)
    {
        var prepared = CreateRules.Prepare(type, ns, body, timeProvider.GetUtcNow(), random);
        Check(type, ObjectFields.MetadataString(prepared, "name")!, admission.Admit(type, prepared, null), strict);
        return prepared;
    }

    private StoreDecision Admitted(ResourceType type, JsonObject current, JsonObject updated, string name, bool strict)
    {
        Check(type, name, admission.Admit(type, updated, current), strict);
        return UpdateRules.Decide(current, updated);
    }

    private static void Check(ResourceType type, string name, AdmissionResult result, bool strict)
    {
        if (strict && result.UnknownFields.Count > 0)
        {
            var fields = result.UnknownFields.Select(f => $"unknown field \"{f}\"");
            throw ApiErrors.BadRequest($"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: strict decoding error: {string.Join(", ", fields)}");
        }

        if (result.Errors.Count > 0)
        {
            throw ApiErrors.Invalid(type, name, result.Errors);
        }
    }

    private static void CheckPreconditions(ResourceType type, string name, JsonObject current, JsonObject? preconditions)
    {
        var uid = ObjectFields.AsString(preconditions?["uid"]);
        var actualUid = ObjectFields.MetadataString(current, "uid");
        if (uid is not null && uid != actualUid)
        {
            throw ApiErrors.Conflict(type, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {actualUid}");
        }

        var version = ObjectFields.AsString(preconditions?["resourceVersion"]);
        var actualVersion = ObjectFields.MetadataString(current, "resourceVersion");
        if (version is not null && version != actualVersion)
        {
            throw ApiErrors.Conflict(type, name, $"Precondition failed: ResourceVersion in precondition: {version}, ResourceVersion in object meta: {actualVersion}");
        }
    }
}
