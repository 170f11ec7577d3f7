using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Varde.Server.Infrastructure;

namespace Varde.Server.Tests.Infrastructure;

public sealed class ConsoleLogFormatTests
{
    [Theory]
    [InlineData(true, "Production", "simple")]
    [InlineData(false, "Development", "simple")]
    [InlineData(false, "Production", "json")]
    public void TheDemoAndDevelopment_LogPlainLines_ProductionLogsJson(bool demo, string environment, string formatter)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment });
        builder.AddVardeTelemetry(readableLogs: demo);
        using var host = builder.Build();

        host.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName.ShouldBe(formatter);
        if (formatter == "simple")
            host.Services.GetRequiredService<IOptionsMonitor<SimpleConsoleFormatterOptions>>().CurrentValue.SingleLine.ShouldBeTrue();
    }
}
