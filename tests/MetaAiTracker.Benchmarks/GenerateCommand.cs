using System.Diagnostics;
using MetaAiTracker.Data.Dataset;

namespace MetaAiTracker.Benchmarks;

/// <summary><c>generate --events 100000 --seed 42 --out /tmp/x.json</c>: writes a synthetic dataset after validating it.</summary>
internal static class GenerateCommand
{
    public static int Run(string[] args)
    {
        var events = Options.GetInt(args, "--events", 1000);
        var seed = Options.GetInt(args, "--seed", 42);
        var output = Options.Get(args, "--out");
        if (output is null)
        {
            Console.Error.WriteLine("generate: --out FILE is required");
            return 2;
        }

        var clock = Stopwatch.StartNew();
        var document = SyntheticDataset.Generate(events, seed);
        var problems = DatasetValidator.Validate(document);
        if (problems.Count > 0)
        {
            foreach (var problem in problems.Take(20))
            {
                Console.Error.WriteLine(problem);
            }

            Console.Error.WriteLine($"generate: the dataset has {problems.Count} problem(s); nothing written");
            return 1;
        }

        File.WriteAllText(output, DatasetReader.Write(document));
        Console.WriteLine($"wrote {output}: {document.Themes!.Count} themes, {document.Sources!.Count} sources, " +
                          $"{document.Organizations!.Count} organisations, {document.People!.Count} people, {document.Tenures!.Count} tenures, " +
                          $"{document.Events!.Count} events, {document.Figures!.Count} figures " +
                          $"({new FileInfo(output).Length / 1024 / 1024.0:F1} MB, valid, {clock.ElapsedMilliseconds} ms)");
        return 0;
    }
}
