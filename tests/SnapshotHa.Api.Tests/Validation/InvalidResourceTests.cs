using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s;
using SnapshotHa.Kube.Validation;
using SnapshotHa.Tests.Support;

namespace SnapshotHa.Api.Tests.Validation;

/// <summary>
/// Every file under Invalid/ is rejected with an error on the field its header names. A header is
/// <c># field: PATH</c>, <c># type: REASON</c>, <c># why: ...</c>; with two documents the first is the stored object
/// and the second the update.
/// </summary>
public sealed class InvalidResourceTests
{
    private static readonly string InvalidDirectory = Path.Combine(RepositoryRoot.Path, "tests", "SnapshotHa.Api.Tests", "Invalid");

    public static TheoryData<string> InvalidFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(InvalidDirectory, "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Fact]
    public void There_are_at_least_thirty_invalid_resources() => InvalidFiles().Count.Should().BeGreaterThanOrEqualTo(30);

    [Fact]
    public void Every_cel_rule_of_every_crd_is_broken_by_some_invalid_resource()
    {
        var reported = new List<string>();
        foreach (var file in Directory.GetFiles(InvalidDirectory, "*.yaml"))
        {
            var documents = YamlDocuments.Load(file);
            var (oldObj, obj) = documents.Count == 2 ? (documents[0], documents[1]) : (null, documents.Single());
            reported.AddRange(Admission.Admit(obj, oldObj).Select(e => e.Message));
        }

        var crds = CrdLoader.LoadDirectory(Path.Combine(RepositoryRoot.Path, "crds"));
        var messages = crds.SelectMany(c => RuleMessages(JsonNode.Parse(KubernetesJson.Serialize(c.Spec.Versions.Single().Schema.OpenAPIV3Schema))!)).ToList();

        messages.Should().HaveCountGreaterThan(20);
        messages.Should().OnlyContain(m => reported.Any(r => r.EndsWith(m, StringComparison.Ordinal)), "every CEL rule has an invalid resource that breaks it");
    }

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void Invalid_resource_is_rejected_naming_the_field(string file)
    {
        var path = Path.Combine(InvalidDirectory, file);
        var text = File.ReadAllText(path);
        var field = HeaderRegex("field").Match(text).Groups[1].Value;
        var type = HeaderRegex("type").Match(text).Groups[1].Value;
        field.Should().NotBeEmpty($"{file} names the rejected field in a '# field:' header");
        var documents = YamlDocuments.Parse(text);
        var (oldObj, obj) = documents.Count == 2 ? (documents[0], documents[1]) : (null, documents.Single());
        if (oldObj is not null)
        {
            Admission.Admit(oldObj.DeepClone()).Should().BeEmpty($"the stored object of {file} is valid");
        }

        var errors = Admission.Admit(obj, oldObj);

        errors.Should().Contain(e => e.Field == field && e.Type == type, $"{file} breaks {field}; errors: {string.Join("; ", errors)}");
        errors.Where(e => e.Field.Length > 0).Should().OnlyContain(e => e.Field == field, "each invalid resource breaks exactly one field");
        var error = errors.First(e => e.Field == field && e.Type == type);
        error.ToString().Should().StartWith(field + ": ");
        if (type == "FieldValueNotSupported")
        {
            error.Message.Should().MatchRegex("^Unsupported value: .+: supported values: \".+\"");
        }
    }

    private static IEnumerable<string> RuleMessages(JsonNode node) => node switch
    {
        JsonObject obj => (obj["x-kubernetes-validations"] as JsonArray ?? []).Select(r => r!["message"]!.GetValue<string>())
            .Concat(obj.Where(p => p.Key != "x-kubernetes-validations" && p.Value is not null).SelectMany(p => RuleMessages(p.Value!))),
        JsonArray array => array.OfType<JsonNode>().SelectMany(RuleMessages),
        _ => [],
    };

    private static Regex HeaderRegex(string name) => new($"^# {name}: (\\S+)\\s*$", RegexOptions.Multiline);
}
