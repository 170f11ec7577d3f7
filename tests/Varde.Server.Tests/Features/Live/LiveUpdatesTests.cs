using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Varde.Server.Features.Live;

namespace Varde.Server.Tests.Features.Live;

public sealed class LiveUpdatesTests
{
    [Fact]
    public async Task AHandler_RunsInItsSubscribersLanguage_WhateverThePublishersThread()
    {
        var live = new LiveUpdates(NullLogger<LiveUpdates>.Instance);
        var service = Guid.NewGuid();
        var heard = new List<(string Number, string Language)>();
        var (was, uiWas) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        IDisposable norwegian, english;
        try
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (CultureInfo.GetCultureInfo("nb"), CultureInfo.GetCultureInfo("nb"));
            norwegian = live.Subscribe(service, _ => heard.Add((7.4m.ToString(CultureInfo.CurrentCulture), CultureInfo.CurrentUICulture.Name)));
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (CultureInfo.GetCultureInfo("en"), CultureInfo.GetCultureInfo("en"));
            english = live.Subscribe(service, _ => heard.Add((7.4m.ToString(CultureInfo.CurrentCulture), CultureInfo.CurrentUICulture.Name)));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (was, uiWas);
        }

        // The outbox dispatcher publishes from a thread of its own, in no particular language.
        await Task.Run(() =>
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (CultureInfo.InvariantCulture, CultureInfo.InvariantCulture);
            live.Publish(new LiveChange(Guid.NewGuid(), "report.received", service, Guid.NewGuid(), null, DateTimeOffset.UnixEpoch));
            CultureInfo.CurrentCulture.ShouldBe(CultureInfo.InvariantCulture, "the publisher's own culture is left as it was");
        });

        heard.ShouldBe([("7,4", "nb"), ("7.4", "en")]);
        norwegian.Dispose();
        english.Dispose();
    }
}
