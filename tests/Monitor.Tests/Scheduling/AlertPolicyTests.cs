using Monitor.Scheduling;

namespace Monitor.Tests.Scheduling;

public sealed class AlertPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Decide_OldestHitYoungerThanTheBatchWindow_HoldsUntilItHasWaited()
    {
        var decision = AlertPolicy.Decide(Now.AddMinutes(-2), [], Now, batchMinutes: 5, maxPerHour: 4, holdForBatch: true);

        Assert.Equal(new AlertDecision(AlertHold.Batch, Now.AddMinutes(3)), decision);
    }

    [Fact]
    public void Decide_BatchWindowPassed_SendsNow()
    {
        Assert.True(AlertPolicy.Decide(Now.AddMinutes(-5), [], Now, 5, 4, holdForBatch: true).SendNow);
    }

    [Fact]
    public void Decide_WithoutBatchHold_SendsAHitFoundJustNow()
    {
        Assert.True(AlertPolicy.Decide(Now, [], Now, 5, 4, holdForBatch: false).SendNow);
    }

    [Fact]
    public void Decide_LimitReachedInTheLastHour_HoldsUntilTheOldestLeavesTheWindow()
    {
        DateTimeOffset[] sent = [Now.AddMinutes(-90), Now.AddMinutes(-50), Now.AddMinutes(-20)];

        var decision = AlertPolicy.Decide(Now.AddHours(-1), sent, Now, 5, maxPerHour: 2, holdForBatch: true);

        Assert.Equal(new AlertDecision(AlertHold.RateLimit, Now.AddMinutes(10)), decision);
        Assert.True(AlertPolicy.Decide(Now.AddHours(-1), sent, Now.AddMinutes(10), 5, 2, holdForBatch: true).SendNow);
    }

    [Fact]
    public void Decide_AlertsOlderThanAnHour_DoNotCount()
    {
        Assert.True(AlertPolicy.Decide(Now.AddHours(-1), [Now.AddMinutes(-61), Now.AddMinutes(-60)], Now, 5, 1, holdForBatch: true).SendNow);
    }
}
