using BrandFlow.Durable.Backend;

namespace BrandFlow.Awards.Tests.TestSupport;

/// <summary>When armed, "kills the process" once at the n-th activity of an instance reaching a fault point.</summary>
internal sealed class CrashHook(FaultPoint point, string instanceId, int nth) : IFaultInjectionHook
{
    private int hits;

    public bool Armed { get; set; }

    public bool Fired { get; private set; }

    public void OnFaultPoint(FaultPoint point1, WorkItemKind kind, string instanceId1)
    {
        if (!Armed || Fired || point1 != point || kind != WorkItemKind.Activity || instanceId1 != instanceId)
        {
            return;
        }

        if (++hits == nth)
        {
            Fired = true;
            throw new InjectedFaultException(point1, kind, instanceId1);
        }
    }
}
