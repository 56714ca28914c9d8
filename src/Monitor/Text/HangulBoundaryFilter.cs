using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;

namespace Monitor.Text;

/// <summary>
/// Splits a token where it passes between Hangul and Latin letters or digits, and marks the Hangul parts as Hangul.
/// Korean attaches particles straight to names and numbers ("H20을", "ASML은", "3,000억", "AI반도체"), and Unicode word
/// rules keep such a run as one token, so neither "H20" nor "반도체" could match inside it, and CJKBigramFilter would
/// not see the Hangul. Lucene has no filter for this (the ICU tokenizer splits by script but needs the ICU data),
/// hence this one. Goes right after the tokenizer, before <c>CJKBigramFilter</c>; offsets point into the original text.
/// </summary>
public sealed class HangulBoundaryFilter : TokenFilter
{
    private static readonly string HangulType = StandardTokenizer.TOKEN_TYPES[StandardTokenizer.HANGUL];

    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private readonly IPositionIncrementAttribute _increment;
    private readonly ITypeAttribute _type;
    private readonly Queue<(string Text, int Start, int End, bool Hangul)> _pending = new();
    private State? _state;
    private string _originalType = "";

    public HangulBoundaryFilter(TokenStream input)
        : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
        _increment = AddAttribute<IPositionIncrementAttribute>();
        _type = AddAttribute<ITypeAttribute>();
    }

    public override bool IncrementToken()
    {
        if (_pending.Count > 0)
        {
            RestoreState(_state);
            Emit(_pending.Dequeue(), increment: 1);
            return true;
        }
        if (!m_input.IncrementToken())
            return false;
        var buffer = _term.Buffer;
        var length = _term.Length;
        if (length < 2 || _type.Type == HangulType || !HasHangul(buffer, length))
            return true;

        // Runs of Hangul and of anything else; a token that is one run stays as it is.
        var runs = new List<(string, int, int, bool)>();
        var start = 0;
        for (var i = 1; i <= length; i++)
        {
            if (i == length || IsHangul(buffer[i]) != IsHangul(buffer[start]))
            {
                runs.Add((new string(buffer, start, i - start), _offset.StartOffset + start, _offset.StartOffset + i, IsHangul(buffer[start])));
                start = i;
            }
        }
        if (runs.Count == 1)
            return true;
        _originalType = _type.Type;
        _state = CaptureState();
        for (var r = 1; r < runs.Count; r++)
            _pending.Enqueue(runs[r]);
        Emit(runs[0], _increment.PositionIncrement);
        return true;
    }

    public override void Reset()
    {
        base.Reset();
        _pending.Clear();
        _state = null;
    }

    private void Emit((string Text, int Start, int End, bool Hangul) run, int increment)
    {
        _term.SetEmpty().Append(run.Text);
        _offset.SetOffset(run.Start, run.End);
        _increment.PositionIncrement = increment;
        _type.Type = run.Hangul ? HangulType : _originalType;
    }

    private static bool HasHangul(char[] buffer, int length)
    {
        for (var i = 0; i < length; i++)
            if (IsHangul(buffer[i]))
                return true;
        return false;
    }

    private static bool IsHangul(char c) => c is >= '\uAC00' and <= '\uD7AF' or >= '\u1100' and <= '\u11FF' or >= '\u3130' and <= '\u318F';
}
