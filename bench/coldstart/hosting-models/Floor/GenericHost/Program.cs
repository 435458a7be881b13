using Microsoft.Extensions.Hosting;

// Host.CreateApplicationBuilder is what FunctionsApplication.CreateBuilder starts from (configuration, logging, DI).
using var host = Host.CreateApplicationBuilder(args).Build();
await host.StartAsync();
System.Console.WriteLine("ready");
await host.StopAsync();
