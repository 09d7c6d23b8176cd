namespace SnapshotHa.Kube.Rbac;

/// <summary>Kubernetes RBAC verbs; combine with <c>|</c>. There is deliberately no wildcard.</summary>
[Flags]
public enum RbacVerb
{
    /// <summary>No verb.</summary>
    None = 0,

    /// <summary>Read one object.</summary>
    Get = 1,

    /// <summary>List objects.</summary>
    List = 2,

    /// <summary>Watch objects.</summary>
    Watch = 4,

    /// <summary>Create objects.</summary>
    Create = 8,

    /// <summary>Replace objects.</summary>
    Update = 16,

    /// <summary>Patch objects.</summary>
    Patch = 32,

    /// <summary>Delete objects.</summary>
    Delete = 64,

    /// <summary>Get, list and watch.</summary>
    Read = Get | List | Watch,
}
