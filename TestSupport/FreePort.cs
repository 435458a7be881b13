using System.Net;
using System.Net.Sockets;

namespace HealthOracle.Functions.Tests.TestSupport;

/// <summary>
/// Loopback ports for the servers a test starts (Azurite, DevHost, stand-ins); tests never use fixed ports.
/// </summary>
/// <remarks>
/// A port handed out here stays free until its server binds it, even with other test processes running (the
/// solution's test projects run at once): the ports lie below the kernel's ephemeral range (32768–60999 on Linux),
/// which every outgoing connection's source port and every bind to port 0 draw from, so no connection of any process
/// takes one in between; and each test process claims its own block of <see cref="BlockSize"/> ports with an exclusive
/// lock on a file named after the block, which the system releases when the process ends, so two test processes never
/// hand out the same port. Within a block, ports are handed out in turn, each checked free first.
/// </remarks>
public static class FreePort
{
    public const int BlockSize = 200;

    private const int FirstPort = 10_000;
    private const int Blocks = 110; // 10,000–31,999: below the ephemeral range

    private static readonly Lazy<int> BlockStart = new(ClaimBlock);
    private static int _handedOut = -1;
    private static FileStream? _blockLock;

    /// <summary>A loopback port that is free and that no other test process will hand out.</summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < BlockSize; attempt++)
        {
            var port = BlockStart.Value + (int)((uint)Interlocked.Increment(ref _handedOut) % BlockSize);
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free loopback port in {BlockStart.Value}–{BlockStart.Value + BlockSize - 1}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The lock file of the block that holds <paramref name="port"/> (tests read it).</summary>
    public static string LockFileOf(int port) => LockFile((port - FirstPort) / BlockSize);

    private static string LockFolder => Path.Combine(Path.GetTempPath(), "healthoracle-test-ports");

    private static string LockFile(int block) => Path.Combine(LockFolder, $"block-{block}.lock");

    /// <summary>The first port of a block no other live process holds: its lock file is kept open, exclusively, until this process ends.</summary>
    private static int ClaimBlock()
    {
        Directory.CreateDirectory(LockFolder);
        var first = Environment.ProcessId % Blocks;
        for (var k = 0; k < Blocks; k++)
        {
            var block = (first + k) % Blocks;
            try
            {
                // FileShare.None takes an advisory lock (flock on Unix) that another process's open of the same file refuses.
                _blockLock = new FileStream(LockFile(block), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return FirstPort + (block * BlockSize);
            }
            catch (IOException)
            {
                // Held by another live test process.
            }
        }

        throw new InvalidOperationException($"Every block of test ports is held by another process (lock files in {LockFolder}).");
    }
}
