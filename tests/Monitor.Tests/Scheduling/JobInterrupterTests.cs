using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Monitor.Scheduling;
using Quartz;

namespace Monitor.Tests.Scheduling;

/// <summary>
/// What the stop interrupts, with a scheduler stand-in: Quartz's own cannot be made to fail an interrupt on cue, and
/// a cluster's other node is two processes and a PostgreSQL server away.
/// </summary>
public sealed class JobInterrupterTests
{
    private static readonly JobKey Poll = new("poll-feeds");
    private static readonly JobKey Retry = new("retry-outbox");

    private static FireInstance Firing(string id, JobKey job) =>
        new(id, new TriggerKey(job.Name + "-trigger"), job, "this-node", FireInstanceState.Executing, DateTimeOffset.UnixEpoch, null, null!);

    [Fact]
    public async Task Only_this_nodes_firings_are_interrupted_and_one_that_fails_does_not_fail_the_stop()
    {
        var scheduler = new Mock<IScheduler>();
        scheduler.SetupGet(s => s.SchedulerInstanceId).Returns("this-node");
        FireInstanceQuery? asked = null;
        scheduler.Setup(s => s.QueryFireInstances(It.IsAny<FireInstanceQuery>(), It.IsAny<CancellationToken>()))
            .Callback<FireInstanceQuery, CancellationToken>((query, _) => asked = query)
            .ReturnsAsync(new PagedResult<FireInstance>([Firing("f1", Poll), Firing("f2", Retry), Firing("f3", new JobKey("someone-else"))], false, null));
        scheduler.Setup(s => s.InterruptFireInstance("f1", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new AggregateException(new ObjectDisposedException("connection")));
        scheduler.Setup(s => s.InterruptFireInstance("f2", It.IsAny<CancellationToken>())).ReturnsAsync(true);
        var factory = new Mock<ISchedulerFactory>();
        factory.Setup(f => f.GetScheduler(It.IsAny<CancellationToken>())).ReturnsAsync(scheduler.Object);

        var interrupter = new JobInterrupter(factory.Object, new RunState([Poll, Retry], false, DateTimeOffset.UnixEpoch), NullLogger<JobInterrupter>.Instance);
        await interrupter.StopAsync(CancellationToken.None);

        Assert.Equal("this-node", asked?.SchedulerInstanceId);
        scheduler.Verify(s => s.InterruptFireInstance("f2", It.IsAny<CancellationToken>()), Times.Once);
        scheduler.Verify(s => s.InterruptFireInstance("f3", It.IsAny<CancellationToken>()), Times.Never);
        scheduler.Verify(s => s.Interrupt(It.IsAny<JobKey>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
