using System.Net;
using System.Text;
using OpenIddict.Abstractions;

namespace Varde.TestIdentityProvider;

/// <summary>The stand-in's sign-in page: pick a listed person, or type one in (also with a lower level, to try refusals).</summary>
internal static class SignInPage
{
    public static string Render(OpenIddictRequest request, TestProviderKind kind, IReadOnlyList<TestPerson> people)
    {
        var title = kind == TestProviderKind.HelseId ? "HelseID (testleverandør)" : "ID-porten (testleverandør)";
        var hidden = new StringBuilder();
        foreach (var (name, value) in request.GetParameters())
            if (!name.StartsWith("test_", StringComparison.Ordinal))
                hidden.Append("<input type=\"hidden\" name=\"").Append(Encode(name)).Append("\" value=\"").Append(Encode((string?)value)).Append("\">");

        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"nb\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(title).Append("</title><style>")
            .Append("body{font-family:system-ui,sans-serif;max-width:40rem;margin:1rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}")
            .Append("button{font:inherit;padding:.5rem 1rem;margin:.25rem 0;min-height:44px;cursor:pointer}label{display:block;margin-top:.5rem}")
            .Append("input,select{font:inherit;padding:.4rem;width:100%;box-sizing:border-box}.note{background:#fff4ce;padding:.5rem 1rem;border-left:4px solid #8a6d00}")
            .Append("ul{list-style:none;padding:0}</style></head><body><main>")
            .Append("<h1>").Append(title).Append("</h1>")
            .Append("<p class=\"note\">Dette er en testleverandør som står i stedet for ")
            .Append(kind == TestProviderKind.HelseId ? "HelseID" : "ID-porten")
            .Append(" i tester og i demoen. Ingen ekte innlogging skjer her. <span lang=\"en\">A stand-in provider for tests and the demo.</span></p>");

        if (people.Count > 0)
        {
            html.Append("<h2>Velg en person</h2><ul>");
            foreach (var person in people)
            {
                html.Append("<li><form method=\"post\" action=\"/connect/authorize\">").Append(hidden).Append(Hidden(AuthorizeEndpoint.ChosenField, "1"))
                    .Append(Hidden(AuthorizeEndpoint.NameField, person.Name)).Append(Hidden(AuthorizeEndpoint.PidField, person.Pid))
                    .Append(Hidden(AuthorizeEndpoint.HprField, person.HprNumber))
                    .Append("<button type=\"submit\">").Append(Encode(person.Name)).Append(" – ").Append(Encode(person.Description)).Append("</button></form></li>");
            }

            html.Append("</ul>");
        }

        html.Append("<h2>Annen person</h2><form method=\"post\" action=\"/connect/authorize\">").Append(hidden).Append(Hidden(AuthorizeEndpoint.ChosenField, "1"))
            .Append(Field(AuthorizeEndpoint.NameField, "Navn", "text"))
            .Append(Field(AuthorizeEndpoint.PidField, "Fødselsnummer (11 sifre)", "text"));
        if (kind == TestProviderKind.HelseId)
            html.Append(Field(AuthorizeEndpoint.HprField, "HPR-nummer (tomt om personen ikke har et)", "text"))
                .Append("<label for=\"level\">Sikkerhetsnivå</label><select id=\"level\" name=\"").Append(AuthorizeEndpoint.LevelField)
                .Append("\"><option value=\"4\">4 (høyt)</option><option value=\"3\">3 (betydelig)</option></select>");
        else
            html.Append("<label for=\"level\">Nivå</label><select id=\"level\" name=\"").Append(AuthorizeEndpoint.LevelField).Append("\"><option value=\"")
                .Append(ProviderClaims.IdPortenHigh).Append("\">Høyt (BankID, MinID med app)</option><option value=\"")
                .Append(ProviderClaims.IdPortenSubstantial).Append("\">Betydelig (MinID med SMS)</option></select>");
        html.Append("<p><button type=\"submit\">Logg inn</button></p></form></main></body></html>");
        return html.ToString();
    }

    private static string Field(string name, string label, string type) =>
        $"<label for=\"{name}\">{label}</label><input id=\"{name}\" name=\"{name}\" type=\"{type}\" autocomplete=\"off\">";

    private static string Hidden(string name, string? value) =>
        value is null ? "" : $"<input type=\"hidden\" name=\"{name}\" value=\"{Encode(value)}\">";

    private static string Encode(string? value) => WebUtility.HtmlEncode(value ?? "");
}
