using LossSearch.Host.Cli;

var app = new CommandLineApp(CommandLineApp.LoadConfiguration(), Console.Out, Console.Error);
return await app.RunAsync(args);
