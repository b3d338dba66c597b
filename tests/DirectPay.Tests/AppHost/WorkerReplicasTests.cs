namespace DirectPay.Tests.AppHost;

/// <summary>The AppHost parameter worker-replicas: a count that cannot be is refused at once, with the setting named.</summary>
public class WorkerReplicasTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("three")]
    public async Task A_replica_count_below_one_or_not_a_number_stops_the_apphost(string replicas)
    {
        var (exitCode, output) = await AppHostProcess.RunAsync(null, "DirectPay:Infra=local", $"Parameters:worker-replicas={replicas}");
        Assert.Equal(1, exitCode);
        Assert.Contains($"Parameters:worker-replicas is '{replicas}'", output);
        Assert.DoesNotContain("   at ", output);
    }
}
