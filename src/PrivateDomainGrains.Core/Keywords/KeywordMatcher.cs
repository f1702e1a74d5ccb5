namespace PrivateDomainGrains.Core.Keywords;

/// <summary>
/// Finds every configured keyword in a message in one pass (Aho-Corasick), however many keywords a tenant has.
/// The automaton is built once per playbook version and is immutable, so one instance serves all customers.
/// Layout: chars are mapped to a dense alphabet; the root has a direct transition table (most chars of a message
/// leave from the root), other states keep their few transitions in sorted slices of one shared array.
/// </summary>
public sealed class KeywordMatcher
{
    public static readonly KeywordMatcher Empty = new([]);

    private readonly ushort[] _alphabet;        // char -> symbol, 0 = not in any keyword
    private readonly int[] _rootNext;           // symbol -> state from the root
    private readonly int[] _edgeStart;          // state -> first edge; edges of state s are [_edgeStart[s], _edgeStart[s + 1])
    private readonly ushort[] _edgeSymbol;
    private readonly int[] _edgeTarget;
    private readonly int[] _fail;
    private readonly int[] _outputStart;        // state -> first tag index in _outputs (own and inherited through fail links)
    private readonly int[] _outputs;
    private readonly string[] _tags;

    public KeywordMatcher(IEnumerable<KeywordRule> rules)
    {
        var tagIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var tags = new List<string>();
        var symbols = new Dictionary<char, ushort>();
        var children = new List<SortedList<ushort, int>> { new() };
        var own = new List<List<int>?> { null };

        foreach (var rule in rules)
        {
            var keyword = TextFold.Fold(rule.Keyword.Trim());
            if (keyword.Length == 0) continue;
            if (!tagIndex.TryGetValue(rule.Tag, out var tag))
            {
                tag = tags.Count;
                tagIndex.Add(rule.Tag, tag);
                tags.Add(rule.Tag);
            }
            var state = 0;
            foreach (var c in keyword)
            {
                if (!symbols.TryGetValue(c, out var symbol))
                {
                    symbol = checked((ushort)(symbols.Count + 1));
                    symbols.Add(c, symbol);
                }
                if (!children[state].TryGetValue(symbol, out var next))
                {
                    next = children.Count;
                    children.Add(new SortedList<ushort, int>());
                    own.Add(null);
                    children[state].Add(symbol, next);
                }
                state = next;
            }
            (own[state] ??= []).Add(tag);
        }

        _tags = [.. tags];
        _alphabet = new ushort[char.MaxValue + 1];
        foreach (var (c, symbol) in symbols) _alphabet[c] = symbol;
        _rootNext = new int[symbols.Count + 1];
        foreach (var (symbol, target) in children[0]) _rootNext[symbol] = target;

        var stateCount = children.Count;
        _edgeStart = new int[stateCount + 1];
        for (var s = 0; s < stateCount; s++) _edgeStart[s + 1] = _edgeStart[s] + children[s].Count;
        _edgeSymbol = new ushort[_edgeStart[stateCount]];
        _edgeTarget = new int[_edgeStart[stateCount]];
        for (var s = 0; s < stateCount; s++)
        {
            var e = _edgeStart[s];
            foreach (var (symbol, target) in children[s])
            {
                _edgeSymbol[e] = symbol;
                _edgeTarget[e++] = target;
            }
        }

        // Breadth-first: a state's fail target is always shallower, so its outputs are final when we reach the state.
        _fail = new int[stateCount];
        var outputs = new List<int>[stateCount];
        outputs[0] = [];
        var queue = new Queue<int>();
        foreach (var (_, target) in children[0])
        {
            outputs[target] = own[target] ?? [];
            queue.Enqueue(target);
        }
        while (queue.Count > 0)
        {
            var s = queue.Dequeue();
            foreach (var (symbol, target) in children[s])
            {
                _fail[target] = Step(_fail[s], symbol);
                outputs[target] = [.. own[target] ?? [], .. outputs[_fail[target]]];
                queue.Enqueue(target);
            }
        }
        _outputStart = new int[stateCount + 1];
        for (var s = 0; s < stateCount; s++) _outputStart[s + 1] = _outputStart[s] + outputs[s].Count;
        _outputs = [.. outputs.SelectMany(o => o)];
    }

    public int TagCount => _tags.Length;

    /// <summary>The distinct tags whose keywords occur in <paramref name="text"/>, in order of first occurrence.</summary>
    public IReadOnlyList<string> Match(ReadOnlySpan<char> text)
    {
        if (_tags.Length == 0) return [];
        List<int>? found = null;
        var state = 0;
        foreach (var c in text)
        {
            state = Step(state, _alphabet[TextFold.Fold(c)]);
            for (var o = _outputStart[state]; o < _outputStart[state + 1]; o++)
            {
                // A message hits few tags, so a linear check beats a per-call set.
                if (found is null) found = [_outputs[o]];
                else if (!found.Contains(_outputs[o])) found.Add(_outputs[o]);
            }
        }
        if (found is null) return [];
        var result = new string[found.Count];
        for (var i = 0; i < result.Length; i++) result[i] = _tags[found[i]];
        return result;
    }

    private int Step(int state, ushort symbol)
    {
        if (symbol == 0) return 0;
        while (state != 0)
        {
            var target = Edge(state, symbol);
            if (target >= 0) return target;
            state = _fail[state];
        }
        return _rootNext[symbol];
    }

    private int Edge(int state, ushort symbol)
    {
        var lo = _edgeStart[state];
        var hi = _edgeStart[state + 1] - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var s = _edgeSymbol[mid];
            if (s == symbol) return _edgeTarget[mid];
            if (s < symbol) lo = mid + 1;
            else hi = mid - 1;
        }
        return -1;
    }
}
