namespace Monitor.Storage;

/// <summary>What <see cref="DatabaseProbe"/> found: the schema version when the file is readable, else the problem.</summary>
public sealed record DatabaseProbeResult(int? SchemaVersion, string? Problem);
