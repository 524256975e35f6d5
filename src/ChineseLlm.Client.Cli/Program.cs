using System.Text;
using ChineseLlm.Client.Cli;
using ChineseLlm.Samples;

Console.OutputEncoding = Encoding.UTF8;
return await CliApp.RunAsync(args, VendorKeys.Load(), Console.Out, Console.Error, interactive: !Console.IsErrorRedirected);
