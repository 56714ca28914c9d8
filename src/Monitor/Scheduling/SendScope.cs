namespace Monitor.Scheduling;

/// <summary>Which pending mails a send pass tries.</summary>
public enum SendScope
{
    /// <summary>Only those whose backoff has passed (<c>monitor run</c>'s jobs).</summary>
    Due,

    /// <summary>Every pending mail, backoff or not (<c>monitor once</c>: the user asked for a try now).</summary>
    All,
}
