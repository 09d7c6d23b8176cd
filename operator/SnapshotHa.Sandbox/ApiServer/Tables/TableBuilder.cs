using System.Globalization;
using System.Text.Json.Nodes;
using SnapshotHa.Sandbox.ApiServer.Resources;

namespace SnapshotHa.Sandbox.ApiServer.Tables;

/// <summary>Builds the <c>meta.k8s.io/v1 Table</c> kubectl asks for with <c>Accept: application/json;as=Table;...</c>.</summary>
internal static class TableBuilder
{
    private const string NameDescription =
        "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically.";

    /// <summary>Whether the Accept header asks for a Table.</summary>
    public static bool IsRequested(string? accept) => accept?.Contains("as=Table", StringComparison.Ordinal) == true;

    /// <summary>
    /// The table of <paramref name="objects"/>: a Name column (unless a printer column has format <c>name</c>, as an
    /// Event's does), then the printer columns; each row carries the object's
    /// metadata (or the whole object when <paramref name="includeObject"/> is <c>Object</c>).
    /// </summary>
    public static JsonObject Build(ResourceType type, IEnumerable<JsonObject> objects, long resourceVersion, DateTimeOffset now, string? includeObject)
    {
        var namedByColumn = type.PrinterColumns.Any(c => c.Format == "name");
        var columns = new JsonArray();
        if (!namedByColumn)
        {
            columns.Add(new JsonObject { ["name"] = "Name", ["type"] = "string", ["format"] = "name", ["description"] = NameDescription, ["priority"] = 0 });
        }

        foreach (var column in type.PrinterColumns)
        {
            columns.Add(new JsonObject
            {
                ["name"] = column.Name,
                ["type"] = column.Type,
                ["format"] = column.Format,
                ["description"] = column.Description,
                ["priority"] = column.Priority,
            });
        }

        var rows = new JsonArray();
        foreach (var obj in objects)
        {
            var cells = namedByColumn ? [] : new JsonArray { obj["metadata"]?["name"]?.DeepClone() };
            foreach (var column in type.PrinterColumns)
            {
                cells.Add(Cell(column.Type, SimpleJsonPath.Evaluate(obj, column.JsonPath), now));
            }

            rows.Add(new JsonObject { ["cells"] = cells, ["object"] = RowObject(obj, includeObject) });
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture) },
            ["columnDefinitions"] = columns,
            ["rows"] = rows,
        };
    }

    private static JsonNode RowObject(JsonObject obj, string? includeObject) => includeObject switch
    {
        "Object" => obj.DeepClone(),
        "None" => new JsonObject(),
        _ => new JsonObject
        {
            ["kind"] = "PartialObjectMetadata",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = obj["metadata"]?.DeepClone(),
        },
    };

    private static JsonNode? Cell(string type, JsonNode? value, DateTimeOffset now)
    {
        if (value is null)
        {
            return null;
        }

        if (type == "date")
        {
            return DateTimeOffset.TryParse(SimpleJsonPath.Text(value), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
                ? HumanDuration.Format(now - time)
                : "<invalid>";
        }

        return type is "integer" or "number" or "boolean" && value is JsonValue
            ? value.DeepClone()
            : SimpleJsonPath.Text(value);
    }
}
