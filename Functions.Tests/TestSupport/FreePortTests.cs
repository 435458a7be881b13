using System.Net;
using System.Net.Sockets;

namespace HealthOracle.Functions.Tests.TestSupport;

/// <summary>The ports the tests' servers bind: free, outside the ephemeral range, and this process's alone.</summary>
public sealed class FreePortTests
{
    [Fact]
    public void Next_HandsOutFreePortsBelowTheEphemeralRange_NeverTheSameTwice()
    {
        var ports = Enumerable.Range(0, 20).Select(_ => FreePort.Next()).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
        Assert.All(ports, port => Assert.InRange(port, 10_000, 32_767));
        Assert.All(ports, port =>
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
        });
    }

    [Fact]
    public void Next_SkipsAPortSomethingListensOn()
    {
        var port = FreePort.Next();
        var blockStart = 10_000 + ((port - 10_000) / FreePort.BlockSize * FreePort.BlockSize);
        var taken = Enumerable.Range(1, 5).Select(k => blockStart + ((port - blockStart + k) % FreePort.BlockSize)).ToList();
        var listeners = taken.Select(p => new TcpListener(IPAddress.Loopback, p)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());

            var handedOut = Enumerable.Range(0, 5).Select(_ => FreePort.Next()).ToList();

            Assert.Empty(handedOut.Intersect(taken));
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    [Fact]
    public void TheBlockOfPorts_IsLockedAgainstEveryOtherOpener_WhileThisProcessRuns()
    {
        var port = FreePort.Next();

        // The lock is the file's (flock): another process opening it exclusively is refused just as this second open is.
        Assert.Throws<IOException>(() => new FileStream(FreePort.LockFileOf(port), FileMode.Open, FileAccess.ReadWrite, FileShare.None));
    }
}
