using System.Net;

namespace Varde.Server.Tests.Features.ReferenceGateway;

/// <summary>What the network does to one request.</summary>
public enum NetworkFault
{
    None,
    /// <summary>Varde cannot be reached: nothing arrives.</summary>
    Down,
    /// <summary>The request arrives and is handled, but the answer comes after the gateway gave up (its timeout).</summary>
    AnswerTooLate,
    /// <summary>The request arrives and is handled, and a proxy on the way answers 502 instead.</summary>
    AnswerLostBehindProxy,
    /// <summary>Varde (or its proxy) answers 503 without handling it.</summary>
    Unavailable,
}

/// <summary>
/// The network between the gateway and Varde (the one thing crossing a process boundary here, so the one thing faked):
/// each request gets the fault the plan gives it. The faults that matter most are the ones after Varde stored the
/// readings — the gateway must resend (it cannot know) and Varde must store nothing twice.
/// </summary>
public sealed class UnreliableNetwork(HttpMessageHandler varde) : DelegatingHandler(varde)
{
    private readonly Dictionary<NetworkFault, int> _counts = [];

    /// <summary>Chooses each request's fault; none by default.</summary>
    public Func<NetworkFault> Plan { get; set; } = () => NetworkFault.None;

    public int Count(NetworkFault fault)
    {
        lock (_counts)
            return _counts.GetValueOrDefault(fault);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var fault = Plan();
        lock (_counts)
            _counts[fault] = _counts.GetValueOrDefault(fault) + 1;
        switch (fault)
        {
            case NetworkFault.Down:
                throw new HttpRequestException("Connection refused (127.0.0.1:443)");
            case NetworkFault.Unavailable:
                return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("") };
        }

        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        switch (fault)
        {
            case NetworkFault.AnswerTooLate:
                response.Dispose();
                throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 30 seconds elapsing.");
            case NetworkFault.AnswerLostBehindProxy:
                response.Dispose();
                return new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>502 Bad Gateway</html>") };
            default:
                return response;
        }
    }
}
