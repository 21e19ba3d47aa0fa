using LossSearch.Host.Engine;
using LossSearch.Workflows;
using Microsoft.Extensions.Configuration;

namespace LossSearch.Host.Tests.Workflows;

public class ClusterSettingsTests
{
    private static WorkflowEngineOptions From(Dictionary<string, string?> settings) =>
        EngineSetup.Options(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), store: "sqlite:" + Path.Combine(Path.GetTempPath(), "never.db"));

    [Fact]
    public void CheckInMisfireAndPollComeFromConfigurationInSeconds()
    {
        var options = From(new()
        {
            ["Workflows:ClusterCheckinSeconds"] = "1",
            ["Workflows:ClusterCheckinMisfireSeconds"] = "2.5",
            ["Workflows:ClusterPollSeconds"] = "1.5",
        });
        Assert.Equal((TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(1.5)),
            (options.ClusterCheckinInterval, options.ClusterCheckinMisfireThreshold, options.ClusterPollInterval));
    }

    [Fact]
    public void WithoutConfigurationTheDocumentedDefaultsHold()
    {
        var options = From([]);
        Assert.Equal((TimeSpan.FromSeconds(7.5), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(2)),
            (options.ClusterCheckinInterval, options.ClusterCheckinMisfireThreshold, options.ClusterPollInterval));
    }

    [Fact]
    public void APollIntervalUnderASecondIsBadInputNamingTheSetting()
    {
        var error = Assert.Throws<LossSearch.Learning.InvalidInputException>(() => From(new() { ["Workflows:ClusterPollSeconds"] = "0.5" }));
        Assert.Contains("Workflows:ClusterPollSeconds: 0.5 is under 1", error.Message);
    }
}
