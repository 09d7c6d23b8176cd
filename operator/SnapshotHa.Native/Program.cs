using System.ComponentModel;
using SnapshotHa.Native;
using SnapshotHa.RepositoryCli;

var self = Environment.ProcessPath ?? AppContext.BaseDirectory;
var operatorPath = FrontDispatch.OperatorPath(Environment.GetEnvironmentVariable(FrontDispatch.OperatorVariable), self);
switch (FrontDispatch.Decide(args, File.Exists(operatorPath)))
{
    case FrontRoute.InProcess:
        return await NativeCli.RunAsync(args);
    case FrontRoute.Operator when Path.GetFullPath(operatorPath) == self:
        await Console.Error.WriteLineAsync($"error: {FrontDispatch.OperatorVariable} names this binary ('{self}'), not the managed operator.");
        return RepositoryCommandLine.BadInput;
    case FrontRoute.Operator:
        try
        {
            OperatorExec.Replace(operatorPath, args);
        }
        catch (Win32Exception e)
        {
            await Console.Error.WriteLineAsync($"error: could not run the operator executable '{operatorPath}': {e.Message}");
        }

        return RepositoryCommandLine.Failed;
    default:
        await Console.Error.WriteLineAsync(
            $"error: 'snapshotha {args[0]}' runs in the managed operator executable, but '{operatorPath}' does not exist; "
            + $"set {FrontDispatch.OperatorVariable} to its path or install it there. This binary runs 'merge' and 'repo' itself.");
        return RepositoryCommandLine.BadInput;
}
