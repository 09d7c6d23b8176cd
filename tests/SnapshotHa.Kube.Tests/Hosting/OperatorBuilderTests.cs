using Microsoft.Extensions.DependencyInjection;
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
