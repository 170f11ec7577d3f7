using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;

namespace Varde.Server.Auth.ExternalSignIn;

/// <summary>
/// What happens around a HelseID or ID-porten sign-in: Varde authenticates to the token endpoint with a signed client
/// assertion (private_key_jwt), ID-porten is asked for the high level, and a validated sign-in becomes a Varde session
/// (staff cookie or patient cookie) only if it matches an active staff member or a followed patient. Anything else ends
/// on a refusal page that says why in plain words; the log says what kind of failure it was, never who.
/// </summary>
public sealed partial class ExternalSignInEvents(ExternalProviders providers, TimeProvider clock, IServiceProvider services,
    ILogger<ExternalSignInEvents> logger) : OpenIdConnectEvents
{
    public const string StaffRefusedPath = "/login/avvist";
    public const string PatientRefusedPath = "/pasient/avvist";

    public override async Task RedirectToIdentityProvider(RedirectContext context)
    {
        if (context.Scheme.Name == ExternalProviders.IdPortenScheme)
            context.ProtocolMessage.AcrValues = Provider(context.Scheme.Name).RequiredLevel;
        // On a shared workstation or tablet, the provider's single sign-on must not sign the next person in as the last one.
        context.ProtocolMessage.Prompt = "login";
        // The stand-in learns Varde's callback address here; a real provider has it registered by the operator.
        if (services.GetService<TestProviderHost>() is { } testProvider)
            await testProvider.Provider.AllowRedirectAsync(context.Options.ClientId!, new Uri(context.ProtocolMessage.RedirectUri), context.HttpContext.RequestAborted);
    }

    /// <summary>Pushed authorisation requests (RFC 9126, which HelseID requires) authenticate the client like the token request.</summary>
    public override async Task PushAuthorization(PushedAuthorizationContext context)
    {
        var provider = Provider(context.Scheme.Name);
        var metadata = await context.Options.ConfigurationManager!.GetConfigurationAsync(context.HttpContext.RequestAborted);
        context.ProtocolMessage.ClientAssertionType = ClientAssertion.Type;
        context.ProtocolMessage.ClientAssertion = ClientAssertion.Create(provider.ClientId, metadata.Issuer, provider.SigningKey, clock.GetUtcNow());
        context.HandleClientAuthentication();
    }

    public override async Task AuthorizationCodeReceived(AuthorizationCodeReceivedContext context)
    {
        var provider = Provider(context.Scheme.Name);
        var metadata = await context.Options.ConfigurationManager!.GetConfigurationAsync(context.HttpContext.RequestAborted);
        var request = context.TokenEndpointRequest!;
        request.ClientSecret = null;
        request.ClientAssertionType = ClientAssertion.Type;
        request.ClientAssertion = ClientAssertion.Create(provider.ClientId, metadata.Issuer, provider.SigningKey, clock.GetUtcNow());
    }

    public override async Task TicketReceived(TicketReceivedContext context)
    {
        var http = context.HttpContext;
        var external = context.Principal!;
        // The handler has moved the address to come back to from the properties to ReturnUri by now.
        var returnUrl = context.ReturnUri;
        context.HandleResponse();
        if (context.Scheme.Name == ExternalProviders.HelseIdScheme)
        {
            var (staff, refusal) = await http.RequestServices.GetRequiredService<StaffFromHelseId>()
                .FindAsync(external, Provider(context.Scheme.Name).RequiredLevel, http.RequestAborted);
            if (staff is null)
            {
                Refused(context.Scheme.Name, refusal!.Value);
                http.Response.Redirect($"{StaffRefusedPath}?grunn={refusal}");
                return;
            }

            var identity = Callers.Identity(IdentityConstants.ApplicationScheme, staff.Id.ToString(), staff.Name, staff.Role, staff.OrganisationId);
            identity.AddClaim(new Claim(VardeClaims.SignInMethod, context.Scheme.Name));
            identity.AddClaim(new Claim(VardeClaims.HprNumber, staff.HprNumber!));
            await http.SignInAsync(IdentityConstants.ApplicationScheme, new ClaimsPrincipal(identity));
            await WriteContinuePageAsync(http, Components.UiSetup.LocalUrl(returnUrl));
            return;
        }

        var (patient, patientRefusal) = await http.RequestServices.GetRequiredService<PatientFromIdPorten>()
            .FindAsync(external, Provider(context.Scheme.Name).RequiredLevel, http.RequestAborted);
        if (patient is null && patientRefusal == SignInRefusal.NotEnrolled
            && await http.RequestServices.GetRequiredService<Features.Relatives.RelativeSignIn>()
                .FindForIdPortenAsync(external.FindFirstValue(PatientFromIdPorten.PidClaim)!.Trim(), http.RequestAborted) is { } relative)
        {
            // Not a followed patient, but a relative with a patient's consent: the app for that patient.
            await http.RequestServices.GetRequiredService<Features.Relatives.RelativeSignIn>()
                .SignInAsync(http, relative, context.Scheme.Name, http.RequestAborted);
            await WriteContinuePageAsync(http, PatientAuth.BasePath);
            return;
        }

        if (patient is null)
        {
            Refused(context.Scheme.Name, patientRefusal!.Value);
            http.Response.Redirect($"{PatientRefusedPath}?grunn={patientRefusal}");
            return;
        }

        await PatientAuth.SignInAsync(http, patient, deviceId: null, signInMethod: context.Scheme.Name);
        await WriteContinuePageAsync(http, PatientAuth.BasePath);
    }

    public override Task RemoteFailure(RemoteFailureContext context)
    {
        LogFailed(logger, context.Scheme.Name, context.Failure?.GetType().Name ?? "unknown");
        context.Response.Redirect($"{(context.Scheme.Name == ExternalProviders.HelseIdScheme ? StaffRefusedPath : PatientRefusedPath)}?grunn={SignInRefusal.Failed}");
        context.HandleResponse();
        return Task.CompletedTask;
    }

    public override Task AccessDenied(AccessDeniedContext context)
    {
        context.Response.Redirect($"{(context.Scheme.Name == ExternalProviders.HelseIdScheme ? StaffRefusedPath : PatientRefusedPath)}?grunn={SignInRefusal.Failed}");
        context.HandleResponse();
        return Task.CompletedTask;
    }

    private ExternalProvider Provider(string scheme) =>
        (scheme == ExternalProviders.HelseIdScheme ? providers.HelseId : providers.IdPorten) ?? throw new InvalidOperationException($"{scheme} is not configured.");

    private void Refused(string scheme, SignInRefusal refusal) => LogRefused(logger, scheme, refusal);

    // The session cookies are SameSite=Strict: a redirect chain that began at the provider would not carry them, so
    // the first page is reached from a page of Varde's own.
    private static async Task WriteContinuePageAsync(HttpContext http, string target)
    {
        var url = WebUtility.HtmlEncode(target);
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        await http.Response.WriteAsync(
            $"<!doctype html><html lang=\"nb\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0;url={url}\"><title>Varde</title></head>" +
            $"<body><main><p>Du er logget inn. <a href=\"{url}\">Gå videre</a></p></main></body></html>");
    }

    [LoggerMessage(LogLevel.Warning, "Sign-in through {Scheme} failed: {FailureKind}.")]
    private static partial void LogFailed(ILogger logger, string scheme, string failureKind);

    [LoggerMessage(LogLevel.Information, "Sign-in through {Scheme} refused: {Refusal}.")]
    private static partial void LogRefused(ILogger logger, string scheme, SignInRefusal refusal);
}
