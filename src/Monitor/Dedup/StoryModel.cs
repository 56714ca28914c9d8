using System.Globalization;

namespace Monitor.Dedup;

/// <summary>
/// One calibrated decision over <see cref="StorySignals"/>: a logistic model whose weights and threshold are set
/// from labelled pairs (see docs/dedup.md) and shipped in config (<c>Dedup:Story</c>). The same model decides
/// whether an article reports a seed's event and whether it joins an earlier article's story.
/// </summary>
public sealed class StoryModel(StoryModelOptions options)
{
    public StoryModelOptions Options { get; } = options;

    /// <summary>The probability that the two texts behind <paramref name="signals"/> report one event.</summary>
    public double Probability(StorySignals signals) => 1 / (1 + Math.Exp(-Logit(signals)));

    public double Logit(StorySignals signals)
    {
        var o = Options;
        return o.Intercept
            + o.Entities * Features.Entities(signals)
            + o.EntityShare * signals.EntityShare
            + o.Text * signals.Text
            + o.Title * signals.Title
            + o.Shingles * signals.Shingles
            + o.Near * Features.Near(signals)
            + o.Far * Features.Far(signals)
            + o.Blind * (signals.Blind ? 1 : 0)
            + o.OtherYears * (signals.OtherYears ? 1 : 0)
            + o.Nameless * (signals.Nameless ? 1 : 0)
            + o.Seed * (signals.WithSeed ? 1 : 0)
            + o.Translated * (signals.Translated ? 1 : 0);
    }

    public bool Joins(StorySignals signals) => Probability(signals) >= Options.Threshold;

    public string Explain(StorySignals signals) => string.Create(CultureInfo.InvariantCulture,
        $"story model p={Probability(signals):0.00} {(Joins(signals) ? ">=" : "<")} {Options.Threshold:0.00}: ") + signals.Summary;

    /// <summary>The transformed inputs of the model, shared with the calibration so both read them alike.</summary>
    public static class Features
    {
        /// <summary>Shared entity weight with diminishing returns: the fifth shared name adds less.</summary>
        public static double Entities(StorySignals signals) => Math.Log(1 + signals.Entities);

        /// <summary>Reports of one event come within days: 1 when both are dated, <see cref="NearDays"/> apart at most.</summary>
        public static double Near(StorySignals signals) => signals.GapDays is <= NearDays ? 1 : 0;

        /// <summary>Days beyond <see cref="NearDays"/> on a log scale: a week is a little, four months another step.</summary>
        public static double Far(StorySignals signals) =>
            signals.GapDays is { } gap ? Math.Log(1 + Math.Max(0, gap - NearDays)) : 0;

        public const double NearDays = 3;
    }
}
