using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SnapshotHa.Kube.Client;
using SnapshotHa.Kube.Events;
using SnapshotHa.Kube.Status;
using SnapshotHa.Kube.Controller;
using SnapshotHa.Kube.Finalizer;
using SnapshotHa.Kube.Hosting;
using SnapshotHa.Kube.Tests.TestKit;

namespace SnapshotHa.Kube.Tests.Hosting;

public sealed class OperatorBuilderTests
{
    [Fact]
    public void Registers_controller_finalizer_and_runtime()
    {
        var services = new ServiceCollection();

        var builder = services.AddKubernetesOperator(s => s.Name = "snapshotha")
            .AddController<RecordingController, V1TestEntity>()
            .AddFinalizer<RecordingFinalizer, V1TestEntity>(RecordingFinalizer.Identifier);

        builder.Settings.Name.Should().Be("snapshotha");
        services.Should().Contain(d => d.ServiceType == typeof(IEntityController<V1TestEntity>) && d.ImplementationType == typeof(RecordingController));
        services.Should().Contain(d => d.ServiceType == typeof(IEntityFinalizer<V1TestEntity>) && Equals(d.ServiceKey, RecordingFinalizer.Identifier));
        services.Should().Contain(d => d.ServiceType == typeof(IControllerRuntime));
    }

    [Fact]
    public async Task Resolves_the_services_a_controller_injects()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IKubernetes>(new Kubernetes(new KubernetesClientConfiguration { Host = "http://127.0.0.1:9" }));
        services.AddKubernetesOperator().AddController<RecordingController, V1TestEntity>();
        await using var provider = services.BuildServiceProvider();

        var publish = provider.GetRequiredService<EventPublisher>();
        provider.GetRequiredService<EntityStatusWriter>().Should().NotBeNull();
        provider.GetRequiredService<IKubernetesClient>().Should().BeOfType<KubernetesClient>();
        provider.GetServices<IHostedService>().Should().ContainSingle(s => s is OperatorBackgroundService);

        await FluentActions.Awaiting(() => publish(V1TestEntity.Create("ns", "a"), "Reason", "unreachable server"))
            .Should().NotThrowAsync("publishing never throws into a reconciliation");
        await FluentActions.Awaiting(() => publish(null!, "Reason", "no entity")).Should().NotThrowAsync();
    }

    [Fact]
    public void Second_controller_for_a_kind_is_rejected()
    {
        var builder = new ServiceCollection().AddKubernetesOperator().AddController<RecordingController, V1TestEntity>();

        FluentActions.Invoking(() => builder.AddController<RecordingController, V1TestEntity>())
            .Should().Throw<InvalidOperationException>().WithMessage("*V1TestEntity*");
    }

    [Theory]
    [InlineData("")]
    [InlineData("Bad Prefix/x")]
    [InlineData("example.com/")]
    public void Invalid_finalizer_identifier_is_rejected(string identifier)
    {
        var builder = new ServiceCollection().AddKubernetesOperator();

        FluentActions.Invoking(() => builder.AddFinalizer<RecordingFinalizer, V1TestEntity>(identifier))
            .Should().Throw<ArgumentException>().WithParameterName(nameof(identifier));
    }

    [Fact]
    public void Invalid_settings_name_the_setting()
    {
        FluentActions.Invoking(() => new ServiceCollection().AddKubernetesOperator(s => s.MaxConcurrentReconciles = 0))
            .Should().Throw<ArgumentException>().WithMessage("OperatorSettings.MaxConcurrentReconciles*");
        FluentActions.Invoking(() => new ServiceCollection().AddKubernetesOperator(s =>
            {
                s.LeaderElectionType = LeaderElectionType.Single;
                s.LeaderElectionRenewDeadline = s.LeaderElectionLeaseDuration;
            }))
            .Should().Throw<ArgumentException>().WithMessage("OperatorSettings.LeaderElectionLeaseDuration*");
    }
}
