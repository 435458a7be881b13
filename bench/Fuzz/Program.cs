using HealthOracle.Fuzz;
using SharpFuzz;

// HealthOracle.Fuzz <target>                  run under afl-fuzz (bench/fuzz.sh): one input per fork, from stdin
// HealthOracle.Fuzz <target> --replay <path>…  run files (or every file of folders) once each; exit 1 on a finding
if (args.Length == 0 || !ReaderTargets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"usage: HealthOracle.Fuzz <{string.Join("|", ReaderTargets.All.Keys)}> [--replay <file or folder>...]");
    return 2;
}

if (args.Length > 1 && args[1] == "--replay")
{
    var findings = 0;
    var files = args.Skip(2).SelectMany(path => Directory.Exists(path) ? Directory.EnumerateFiles(path) : [path]).Order(StringComparer.Ordinal);
    foreach (var file in files)
    {
        try
        {
            target(File.ReadAllBytes(file));
        }
        catch (Exception e)
        {
            findings++;
            Console.WriteLine($"{file}: {e.GetType().Name}: {e.Message}");
        }
    }

    return findings == 0 ? 0 : 1;
}

Fuzzer.Run(stream =>
{
    using var memory = new MemoryStream();
    stream.CopyTo(memory);
    target(memory.ToArray());
});
return 0;
