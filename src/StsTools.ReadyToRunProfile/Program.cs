using System;
using System.IO;
using StsTools.ReadyToRunProfile;

// Usage: StsTools.ReadyToRunProfile FRAMEWORK-DIR ASSEMBLY-DIR OUT-DIR NAME [NAME ...]
// For each NAME (an assembly in ASSEMBLY-DIR) writes OUT-DIR/NAME.mibc: the profile crossgen2 reads
// with --mibc when it compiles that assembly's ReadyToRun image against the framework in FRAMEWORK-DIR.
if (args.Length < 4)
{
    Console.Error.WriteLine("usage: StsTools.ReadyToRunProfile FRAMEWORK-DIR ASSEMBLY-DIR OUT-DIR NAME [NAME ...]");
    return 2;
}
var (framework, assemblies, output) = (args[0], args[1], args[2]);
Directory.CreateDirectory(output);
using var universe = new ProfileUniverse(framework, assemblies);
for (var i = 3; i < args.Length; i++)
{
    var methods = AsyncBoxes.For(universe, universe.Load(args[i]));
    var path = Path.Combine(output, args[i] + ".mibc");
    var written = MibcWriter.Write(universe, args[i], methods, path);
    Console.WriteLine($"{path}: {written} of {methods.Count} methods");
}
return 0;
