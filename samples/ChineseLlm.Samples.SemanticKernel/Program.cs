// The cost-aware router as Semantic Kernel's chat service, with a plugin and automatic function calling:
// `dotnet run --project samples/ChineseLlm.Samples.SemanticKernel`. Without keys it runs offline on the provider
// simulator (as the console demo does); with keys (DEEPSEEK_API_KEY, MOONSHOT_API_KEY, …, or
// ChineseLlm__Providers__<Name>__ApiKey) it calls the real vendors. It prints the answer and what it cost in CNY.
using System.Globalization;
using System.Text;
using ChineseLlm.Samples;
using ChineseLlm.Samples.SemanticKernel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

Console.OutputEncoding = Encoding.UTF8;

var configuration = VendorKeys.Load();
var online = VendorKeys.HasAny(configuration);
var kernelBuilder = Kernel.CreateBuilder();
if (online)
{
    kernelBuilder.Services.AddChineseLlm(configuration);
}
else
{
    var offline = new ConfigurationBuilder().AddInMemoryCollection(OfflineScript.PlaceholderSettings()).Build();
    kernelBuilder.Services.AddChineseLlm(offline).UseProviderSimulator(OfflineScript.Apply);
}

// The router is SK's chat service as an IChatClient. SK turns FunctionChoiceBehavior.Auto() into ChatOptions.Tools, but
// with an IChatClient it is the client pipeline that must run the calls the model asks for: UseKernelFunctionInvocation()
// adds SK's function-invoking client (it invokes kernel functions with the Kernel and its filters). Without it the
// model's tool call comes back unanswered and the prompt's result is empty.
var meter = new CostMeter();
kernelBuilder.Services.AddChatClient(services => services.GetRequiredService<ChineseLlm.Client.CostAwareChatClient>())
    .UseKernelFunctionInvocation()
    .Use(meter.Wrap); // inside the function loop: sees every round trip the router answered
kernelBuilder.Plugins.AddFromType<WeatherPlugin>("weather");
var kernel = kernelBuilder.Build();

Console.WriteLine(online
    ? "Online: calling the real vendors with your keys."
    : "Offline: no keys found, so a simulator answers in each vendor's real wire format. Set e.g. DEEPSEEK_API_KEY to call the real vendors.");

var settings = new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };
var result = await kernel.InvokePromptAsync("北京今天天气怎么样？", new KernelArguments(settings));

Console.WriteLine($"Answer: {result}");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Cost: {meter.Total:0.000000} CNY over {meter.Calls} routed calls (last answered by {meter.Provider}/{meter.Model})"));
return string.IsNullOrWhiteSpace(result.ToString()) ? 1 : 0;
