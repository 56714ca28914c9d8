using System.Text.RegularExpressions;

namespace Monitor.Scoring;

/// <summary>
/// One concept of a watchlist (or one exclude): its display term, weight, and every pattern that counts as it (the
/// term, its synonyms and translations, proximity pairs and regular expressions). For an exclude,
/// <see cref="Penalty"/> null means the exclude vetoes the watchlist; a number is subtracted instead.
/// </summary>
public sealed record WatchlistTerm(string Term, double Weight, IReadOnlyList<TermPattern> Patterns, double? Penalty = null);

/// <summary>One way a concept can be written. <see cref="Text"/> is the pattern as written in watchlists.yaml.</summary>
public abstract record TermPattern(string Text);

/// <summary>An exact phrase: its words one after the other (as analysed). <see cref="Phrase"/> indexes the set's <see cref="PhraseTable"/>.</summary>
public sealed record PhrasePattern(string Text, int Phrase) : TermPattern(Text);

/// <summary><c>A NEAR/n B</c>: both phrases in the same field, at most <see cref="Within"/> words apart, in either order.</summary>
public sealed record NearPattern(string Text, int Left, int Right, int Within) : TermPattern(Text);

/// <summary>A regular expression on the field's text (case-insensitive, with a match timeout so a bad pattern cannot hang the worker).</summary>
public sealed record RegexPattern(string Text, Regex Regex) : TermPattern(Text);
