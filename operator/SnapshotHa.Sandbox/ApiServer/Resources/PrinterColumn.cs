namespace SnapshotHa.Sandbox.ApiServer.Resources;

/// <summary>A server-side table column: header, type (string, integer, number, boolean, date), JSONPath and priority.</summary>
internal sealed record PrinterColumn(string Name, string Type, string JsonPath, string Description, int Priority = 0, string Format = "");
