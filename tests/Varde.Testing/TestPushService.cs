using System.Buffers.Binary;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Varde.Testing;

/// <summary>
/// A push service on 127.0.0.1 (RFC 8030) standing in for the browser vendors': it takes pushes for the subscribers made
/// here, answers each with the status the test gave (201 by default), checks the VAPID signature (RFC 8292) and keeps
/// each push decrypted with the subscriber's own private key (aes128gcm, RFC 8291) — what the browser would show.
/// </summary>
public sealed class TestPushService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Subscriber> _subscribers = new();

    private TestPushService(WebApplication app) => _app = app;

    public string BaseAddress => _app.Urls.First();

    public static async Task<TestPushService> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var service = new TestPushService(app);
        app.MapPost("/push/{id}", (string id, HttpRequest request) => service.ReceiveAsync(id, request));
        await app.StartAsync();
        return service;
    }

    /// <summary>A browser that subscribes: its endpoint here and a fresh key pair and auth secret.</summary>
    public Subscriber NewSubscriber()
    {
        var subscriber = new Subscriber($"{BaseAddress}/push/{Guid.NewGuid():N}");
        _subscribers[subscriber.Id] = subscriber;
        return subscriber;
    }

    private async Task<IResult> ReceiveAsync(string id, HttpRequest request)
    {
        if (!_subscribers.TryGetValue(id, out var subscriber))
            return Results.NotFound();
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        var status = subscriber.NextStatus();
        subscriber.Received.Enqueue(new Push(status, request.Headers.ContentEncoding.ToString(), request.Headers["TTL"].ToString(),
            Vapid.Check(request.Headers.Authorization.ToString()), subscriber.Decrypt(body.ToArray())));
        return Results.StatusCode(status);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>One push as received: the status answered, its headers, the VAPID check, and the payload as the browser decrypts it.</summary>
    public sealed record Push(int AnsweredWith, string ContentEncoding, string Ttl, Vapid Vapid, string Payload)
    {
        public JsonElement Json => JsonDocument.Parse(Payload).RootElement;
    }

    /// <summary>The VAPID header's key and claims, and whether its signature is right for that key.</summary>
    public sealed record Vapid(string PublicKey, string Audience, string Subject, bool SignatureValid)
    {
        public static Vapid Check(string authorization)
        {
            // "vapid t=<jwt>, k=<public key>"
            var parts = authorization["vapid ".Length..].Split(',', StringSplitOptions.TrimEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
            var jwt = parts["t"].Split('.');
            var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(jwt[1])).RootElement;
            var publicKey = Base64Url.DecodeFromChars(parts["k"]);
            using var key = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = publicKey[1..33], Y = publicKey[33..65] },
            });
            var valid = key.VerifyData(Encoding.ASCII.GetBytes($"{jwt[0]}.{jwt[1]}"), Base64Url.DecodeFromChars(jwt[2]), HashAlgorithmName.SHA256);
            return new(parts["k"], claims.GetProperty("aud").GetString()!, claims.GetProperty("sub").GetString()!, valid);
        }
    }

    /// <summary>A browser's push subscription: what it gives the server (endpoint, p256dh, auth) and what it keeps (the private key).</summary>
    public sealed class Subscriber : IDisposable
    {
        private readonly ECDiffieHellman _key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        private readonly byte[] _auth = RandomNumberGenerator.GetBytes(16);
        private readonly ConcurrentQueue<int> _statuses = new();

        public Subscriber(string endpoint)
        {
            Endpoint = endpoint;
            Id = endpoint[(endpoint.LastIndexOf('/') + 1)..];
        }

        public string Id { get; }

        public string Endpoint { get; }

        public ConcurrentQueue<Push> Received { get; } = new();

        public byte[] PublicKey
        {
            get
            {
                var q = _key.ExportParameters(false).Q;
                return [0x04, .. q.X!, .. q.Y!];
            }
        }

        /// <summary>The subscription as the browser's <c>PushSubscription.toJSON()</c> gives it.</summary>
        public object AsJson => new { endpoint = Endpoint, keys = new { p256dh = Base64Url.EncodeToString(PublicKey), auth = Base64Url.EncodeToString(_auth) } };

        /// <summary>The statuses to answer the next pushes with, in order (after them, 201).</summary>
        public void AnswerWith(params int[] statuses)
        {
            foreach (var status in statuses)
                _statuses.Enqueue(status);
        }

        internal int NextStatus() => _statuses.TryDequeue(out var status) ? status : 201;

        /// <summary>RFC 8291: the shared secret with the sender's one-time key, keyed by the auth secret, opens the single aes128gcm record.</summary>
        internal string Decrypt(byte[] body)
        {
            var salt = body[..16];
            var recordSize = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(16, 4));
            int keyIdLength = body[20];
            var senderKey = body[21..(21 + keyIdLength)];
            var cipher = body[(21 + keyIdLength)..];
            if (cipher.Length > recordSize)
                throw new InvalidDataException("One record expected.");
            using var sender = ECDiffieHellman.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = senderKey[1..33], Y = senderKey[33..65] },
            });
            var shared = _key.DeriveRawSecretAgreement(sender.PublicKey);
            var ikm = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, _auth, [.. "WebPush: info\0"u8, .. PublicKey, .. senderKey]);
            var contentKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 16, salt, "Content-Encoding: aes128gcm\0"u8.ToArray());
            var nonce = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 12, salt, "Content-Encoding: nonce\0"u8.ToArray());
            using var aes = new AesGcm(contentKey, 16);
            var plain = new byte[cipher.Length - 16];
            aes.Decrypt(nonce, cipher[..^16], cipher[^16..], plain);
            var end = Array.FindLastIndex(plain, b => b != 0);
            if (plain[end] != 2)
                throw new InvalidDataException("The last record ends with the delimiter 2.");
            return Encoding.UTF8.GetString(plain, 0, end);
        }

        public void Dispose() => _key.Dispose();
    }
}
