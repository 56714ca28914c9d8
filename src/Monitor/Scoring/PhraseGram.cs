namespace Monitor.Scoring;

/// <summary>A run of analysed words: <see cref="Key"/> is the words as analysed, joined by spaces; <see cref="Start"/> and <see cref="End"/> locate it as written.</summary>
public readonly record struct PhraseGram(string Key, int Start, int End);
