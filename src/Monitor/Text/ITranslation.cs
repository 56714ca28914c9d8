namespace Monitor.Text;

/// <summary>A language's way to English in <see cref="EnglishTranslator"/>: apertium or a gloss.</summary>
internal interface ITranslation
{
    /// <summary>What the language gets, as <see cref="EnglishTranslator.Treatment"/> shows it when usable.</summary>
    string Treatment { get; }

    /// <summary>Why it cannot be used (a package not installed, data that did not load), or null.</summary>
    string? Missing();

    /// <summary>The English text, or null and the reason in <paramref name="failure"/>.</summary>
    string? Translate(string text, TimeSpan timeout, out string? failure);
}
