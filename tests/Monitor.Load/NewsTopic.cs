namespace Monitor.Load;

/// <summary>One kind of article: its headline, opening and body sentence templates (see <see cref="Template"/>).</summary>
/// <param name="OnTheme">Whether the shipped watchlists (config/watchlists.yaml) are meant to pick it up.</param>
internal sealed record NewsTopic(string Name, bool OnTheme, string[] Titles, string[] Leads, string[] Body);
