using System.Net;
using System.Net.Sockets;
using Grpc.Net.Client;

namespace BrandFlow.Engine.Local;

/// <summary>
/// The loopback h2c address of this process's sidecar and the one gRPC channel the worker and the client share.
/// The port is taken free from the operating system when the container first needs it, before the hosts start.
/// </summary>
internal sealed class LocalSidecarEndpoint : IDisposable
{
    /// <summary>Reserves a free loopback port and opens a channel to it.</summary>
    public LocalSidecarEndpoint()
    {
        this.Port = FreeLoopbackPort();
        this.Address = new Uri($"http://127.0.0.1:{this.Port}");
        this.Channel = GrpcChannel.ForAddress(this.Address);
    }

    /// <summary>The TCP port the sidecar listens on.</summary>
    public int Port { get; }

    /// <summary>The sidecar's address.</summary>
    public Uri Address { get; }

    /// <summary>The channel the official worker and client use.</summary>
    public GrpcChannel Channel { get; }

    /// <inheritdoc/>
    public void Dispose() => this.Channel.Dispose();

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
