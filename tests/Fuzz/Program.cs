using LossSearch.Fuzz;

// losssearch-fuzz TARGET: one AFL++ persistent-mode loop over stdin inputs (SharpFuzz).
// losssearch-fuzz TARGET FILE...: run the target on files (to reproduce a finding).
// losssearch-fuzz seed TARGET FOLDER: write the target's seed inputs, in its real format, into FOLDER.
if (args.Length == 3 && args[0] == "seed" && FuzzTargets.Names.Contains(args[1]))
{
    foreach (var (name, bytes) in FuzzTargets.Seeds(args[1])) File.WriteAllBytes(Path.Combine(args[2], name), bytes);
    return 0;
}
if (args.Length == 0 || !FuzzTargets.Names.Contains(args[0]))
{
    Console.Error.WriteLine($"usage: losssearch-fuzz {string.Join("|", FuzzTargets.Names)} [FILE...] | losssearch-fuzz seed TARGET FOLDER");
    return 2;
}
if (args.Length > 1)
{
    foreach (var file in args[1..]) FuzzTargets.Run(args[0], File.ReadAllBytes(file));
    return 0;
}
SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
{
    using var memory = new MemoryStream();
    stream.CopyTo(memory);
    FuzzTargets.Run(args[0], memory.ToArray());
});
return 0;
