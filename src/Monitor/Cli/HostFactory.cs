using Microsoft.Extensions.Hosting;

namespace Monitor.Cli;

/// <summary>Builds the host for a checked configuration (Program.CreateBuilder); verbs add what only they need.</summary>
public delegate HostApplicationBuilder HostFactory(MonitorPaths paths, CheckedConfiguration config);
