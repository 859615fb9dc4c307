using RadAnon.Cli;

return await CommandLine.RunAsync(args).ConfigureAwait(false);
