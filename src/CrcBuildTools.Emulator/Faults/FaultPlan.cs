using System.Collections.Generic;
using System.Linq;

namespace CrcBuildTools.Emulator;

/// <summary>The armed faults; each matching request consumes one occurrence.</summary>
public sealed class FaultPlan
{
    private readonly object _gate = new();
    private readonly List<(FaultRule Rule, int Remaining)> _rules = new();

    /// <summary>Arms a rule; rules are matched in the order they were added.</summary>
    /// <param name="rule">What to inject, where and how often.</param>
    public void Add(FaultRule rule)
    {
        lock (_gate)
        {
            _rules.Add((rule, rule.Count));
        }
    }

    /// <summary>Disarms every rule.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>Occurrences not yet consumed, so tests can assert a fault really fired.</summary>
    public int Remaining
    {
        get
        {
            lock (_gate)
            {
                return _rules.Sum(r => r.Remaining);
            }
        }
    }

    /// <summary>The fault to apply to this request, consuming one occurrence; null for none.</summary>
    /// <param name="stage">The request's stage.</param>
    /// <param name="key">The object key it names.</param>
    /// <param name="partNumber">The part number of an Upload Part, else null.</param>
    /// <returns>The fault kind, or null when no armed rule matches.</returns>
    public FaultKind? Take(FaultStage stage, string key, int? partNumber)
    {
        lock (_gate)
        {
            for (int i = 0; i < _rules.Count; i++)
            {
                (FaultRule rule, int remaining) = _rules[i];
                if (remaining > 0 && rule.Stage == stage && (rule.PartNumber is null || rule.PartNumber == partNumber) &&
                    (rule.Key is null || rule.Key == key))
                {
                    _rules[i] = (rule, remaining - 1);
                    return rule.Kind;
                }
            }

            return null;
        }
    }
}
