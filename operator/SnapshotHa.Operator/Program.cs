using SnapshotHa.Operator.Cli;

return await CliApplication.RunAsync(args).ConfigureAwait(false);
