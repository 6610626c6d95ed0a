using BrandFlow.Hosting;
using BrandFlow.Hosting.Mail;

namespace BrandFlow.App.Mail;

/// <summary>
/// A fault switch for the local SendGrid endpoint (development and tests only): make the next requests fail with a
/// status, and count the requests received, to exercise the sender's retries and failure log.
/// </summary>
public sealed class LocalMailFaults
{
    private readonly Lock gate = new();
    private int remaining;
    private int status;
    private int received;

    /// <summary>Requests the endpoint received (failed ones included).</summary>
    public int Received => Volatile.Read(ref received);

    /// <summary>The next <paramref name="count"/> requests answer <paramref name="statusCode"/> (e.g. 503 or 429).</summary>
    public void FailNext(int count, int statusCode)
    {
        lock (gate)
        {
            remaining = count;
            status = statusCode;
        }
    }

    /// <summary>Counts a request and returns the status it must fail with, or null to serve it.</summary>
    public int? OnRequest()
    {
        Interlocked.Increment(ref received);
        lock (gate)
        {
            if (remaining <= 0)
            {
                return null;
            }

            remaining--;
            return status;
        }
    }
}
