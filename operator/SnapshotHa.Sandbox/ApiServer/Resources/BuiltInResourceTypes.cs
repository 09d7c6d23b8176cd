namespace SnapshotHa.Sandbox.ApiServer.Resources;

/// <summary>The built-in kinds the server serves: Namespace, Secret, ConfigMap, Event, Pod, Lease and Job.</summary>
internal static class BuiltInResourceTypes
{
    /// <summary>The Age column every built-in table ends with.</summary>
    public static PrinterColumn Age { get; } = new(
        "Age",
        "date",
        ".metadata.creationTimestamp",
        "CreationTimestamp is a timestamp representing the server time when this object was created.");

    /// <summary>Creates the built-in resource types.</summary>
    public static IReadOnlyList<ResourceType> All() =>
    [
        Core("Namespace", "namespaces", false, ["ns"], [], hasStatus: true, generation: false,
            [new("Status", "string", ".status.phase", "The phase of the namespace."), Age], ["status.phase"]),
        Core("Secret", "secrets", true, [], [], hasStatus: false, generation: false,
            [new("Type", "string", ".type", "The type of the secret."), Age], ["type"]),
        Core("ConfigMap", "configmaps", true, ["cm"], [], hasStatus: false, generation: false, [Age], []),
        Core("Event", "events", true, ["ev"], [], hasStatus: false, generation: false,
            [
                new("Last Seen", "date", ".lastTimestamp", "The time of the last occurrence."),
                new("Type", "string", ".type", "Normal or Warning."),
                new("Reason", "string", ".reason", "Why the event happened."),
                new("Object", "string", ".involvedObject.name", "The object the event is about."),
                new("Message", "string", ".message", "A human-readable description."),
                new("Name", "string", ".metadata.name", "The event's name.", Priority: 1, Format: "name"),
            ],
            [
                "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
                "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath",
                "reason", "reportingComponent", "source", "type",
            ]),
        Core("Pod", "pods", true, ["po"], ["all"], hasStatus: true, generation: true,
            [new("Status", "string", ".status.phase", "The phase of the pod."), Age],
            ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "status.phase", "status.podIP"]),
        new("coordination.k8s.io", "v1", "Lease", "leases", "lease", true, [], [], false, false,
            [new("Holder", "string", ".spec.holderIdentity", "The current holder of the lease."), Age], [], null, false),
        new("batch", "v1", "Job", "jobs", "job", true, [], ["all"], true, true,
            [new("Succeeded", "integer", ".status.succeeded", "The number of succeeded pods."), Age], ["status.successful"], null, false),
    ];

    private static ResourceType Core(
        string kind,
        string plural,
        bool namespaced,
        IReadOnlyList<string> shortNames,
        IReadOnlyList<string> categories,
        bool hasStatus,
        bool generation,
        IReadOnlyList<PrinterColumn> columns,
        IReadOnlyList<string> selectableFields) =>
        new(string.Empty, "v1", kind, plural, kind.ToLowerInvariant(), namespaced, shortNames, categories, hasStatus, generation,
            columns, selectableFields, null, false);
}
