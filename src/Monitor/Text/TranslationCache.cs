using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Monitor.Text;

/// <summary>
/// The last <c>capacity</c> translations, by language and a 128-bit hash of the text (the same article is compared
/// by dedup and again by scoring, and feeds repeat items): least recently used goes first. Thread-safe.
/// </summary>
internal sealed class TranslationCache(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Language, UInt128 Hash), LinkedListNode<Item>> _items = [];
    private readonly LinkedList<Item> _recent = new();

    public int Count
    {
        get
        {
            lock (_gate)
                return _items.Count;
        }
    }

    public static UInt128 Hash(string text) => XxHash128.HashToUInt128(MemoryMarshal.AsBytes(text.AsSpan()));

    public bool TryGet(string language, UInt128 hash, out string english)
    {
        lock (_gate)
        {
            if (_items.TryGetValue((language, hash), out var node))
            {
                _recent.Remove(node);
                _recent.AddFirst(node);
                english = node.Value.English;
                return true;
            }
        }
        english = "";
        return false;
    }

    public void Add(string language, UInt128 hash, string english)
    {
        if (capacity == 0)
            return;
        lock (_gate)
        {
            if (_items.TryGetValue((language, hash), out var existing))
            {
                _recent.Remove(existing);
                _items.Remove((language, hash));
            }
            else if (_items.Count >= capacity)
            {
                var oldest = _recent.Last!;
                _recent.RemoveLast();
                _items.Remove(oldest.Value.Key);
            }
            _items[(language, hash)] = _recent.AddFirst(new Item((language, hash), english));
        }
    }

    private sealed record Item((string Language, UInt128 Hash) Key, string English);
}
