using Monitor.Scoring;
using Monitor.Text;

namespace Monitor.Tests.Scoring;

public sealed class PhraseGramsTests
{
    private static List<string> Surfaces(string analyzer, string text) =>
        PhraseGrams.Of(analyzer, text).Select(g => text[g.Start..g.End]).ToList();

    [Fact]
    public void Phrases_neither_start_nor_end_with_a_function_word_or_a_number()
    {
        var surfaces = Surfaces(TextAnalysis.English, "The Bank of China would lend 2024 billion, said the bank of China's analysts.");

        Assert.Contains("Bank of China", surfaces);
        Assert.Contains("lend", surfaces);
        Assert.DoesNotContain(surfaces, s => s.StartsWith("The ", StringComparison.Ordinal) || s.StartsWith("of ", StringComparison.Ordinal) || s.EndsWith(" of", StringComparison.Ordinal));
        Assert.DoesNotContain(surfaces, s => s.StartsWith("2024", StringComparison.Ordinal) || s.EndsWith("2024", StringComparison.Ordinal) || s == "would");
        Assert.Contains("lend 2024 billion", surfaces);
        // Never across punctuation.
        Assert.DoesNotContain(surfaces, s => s.Contains("billion said", StringComparison.Ordinal) || s.Contains(',', StringComparison.Ordinal));
        // The possessive the analyzer drops is left out of the words as written.
        Assert.Contains("bank of China", surfaces);
        Assert.Contains("China", surfaces);
    }

    [Fact]
    public void Elided_articles_are_left_out_and_hyphenated_words_are_never_split()
    {
        var surfaces = Surfaces(TextAnalysis.French, "Les contrôles à l'exportation des États-Unis");

        Assert.Contains("contrôles", surfaces);
        Assert.Contains("exportation", surfaces);
        Assert.Contains("contrôles à l'exportation", surfaces);
        Assert.Contains("États-Unis", surfaces);
        Assert.DoesNotContain("États", surfaces);
        Assert.DoesNotContain("Unis", surfaces);
        Assert.DoesNotContain("l'exportation", surfaces);
    }

    [Fact]
    public void Phrases_have_at_most_three_words()
    {
        var grams = PhraseGrams.Of(TextAnalysis.English, "Huawei Ascend cluster training runs");

        Assert.Equal(3, grams.Max(g => g.Key.Split(' ').Length));
        Assert.Contains(grams, g => g.Key == "huawei ascend cluster");
    }
}
