using BrandFlow.Durable.Backend;

namespace BrandFlow.Durable.Tests.TestSupport;

/// <summary>Throws an <see cref="InjectedFaultException"/> the n-th time a point is reached for a kind, then never again.</summary>
internal sealed class FaultOnceHook(FaultPoint point, WorkItemKind kind, int nth) : IFaultInjectionHook
{
    private int hits;

    public bool Fired { get; private set; }

    public void OnFaultPoint(FaultPoint point1, WorkItemKind kind1, string instanceId)
    {
        if (Fired || point1 != point || kind1 != kind)
        {
            return;
        }

        if (++hits == nth)
        {
            Fired = true;
            throw new InjectedFaultException(point1, kind1, instanceId);
        }
    }
}
