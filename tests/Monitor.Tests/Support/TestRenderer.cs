using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Monitor.Digest;

namespace Monitor.Tests.Support;

/// <summary>The digest renderer as the host builds it, on a templates folder of the test's choice (default: none, so the built-in templates).</summary>
public static class TestRenderer
{
    public static DigestRenderer Create(string? templatesFolder = null, DigestOptions? options = null) => new(
        new DigestTemplates(templatesFolder ?? Path.Combine(Path.GetTempPath(), "monitor-no-templates-" + Guid.NewGuid().ToString("N")), NullLogger<DigestTemplates>.Instance),
        new DigestSanitizer(Options.Create(options ?? new DigestOptions()), NullLogger<DigestSanitizer>.Instance),
        NullLogger<DigestRenderer>.Instance);

    public static DigestComposer Composer(DigestOptions? options = null) => new(Create(options: options), Options.Create(options ?? new DigestOptions()));
}
