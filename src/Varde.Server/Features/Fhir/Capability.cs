using Hl7.Fhir.Model;

namespace Varde.Server.Features.Fhir;

/// <summary>GET /fhir/metadata: exactly the interactions and search parameters that work, and nothing else.</summary>
public static class Capability
{
    public static CapabilityStatement Statement(string baseUrl, DateTimeOffset now)
    {
        var rest = new CapabilityStatement.RestComponent
        {
            Mode = CapabilityStatement.RestfulCapabilityMode.Server,
            Documentation = "Varde, digital home follow-up. Bearer tokens from /connect/token (OAuth2 client credentials for gateways, password grant for staff clients).",
            Security = SmartConfiguration.Security(baseUrl[..^"/fhir".Length]),
        };
        rest.Resource.Add(Resource("Observation", "http://hl7.org/fhir/StructureDefinition/vitalsigns",
            [CapabilityStatement.TypeRestfulInteraction.Create, CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.SearchType],
            [("patient", SearchParamType.Reference), ("subject", SearchParamType.Reference), ("code", SearchParamType.Token), ("date", SearchParamType.Date),
                ("_lastUpdated", SearchParamType.Date), ("_id", SearchParamType.Token), ("identifier", SearchParamType.Token), ("category", SearchParamType.Token)],
            conditionalCreate: true, includes: ["Observation:patient", "Observation:subject", "Observation:device"], revincludes: ["DetectedIssue:implicated"]));
        rest.Resource.Add(Resource("Patient", "http://hl7.org/fhir/StructureDefinition/Patient",
            [CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.SearchType], [("identifier", SearchParamType.Token)]));
        rest.Resource.Add(Resource("Questionnaire", "http://hl7.org/fhir/StructureDefinition/Questionnaire",
            [CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.SearchType],
            [("url", SearchParamType.Uri), ("name", SearchParamType.String), ("version", SearchParamType.Token), ("status", SearchParamType.Token)]));
        rest.Resource.Add(Resource("QuestionnaireResponse", "http://hl7.org/fhir/StructureDefinition/QuestionnaireResponse",
            [CapabilityStatement.TypeRestfulInteraction.Create, CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.SearchType],
            [("patient", SearchParamType.Reference), ("subject", SearchParamType.Reference), ("questionnaire", SearchParamType.Reference)],
            conditionalCreate: true));
        rest.Resource.Add(Resource("DetectedIssue", "http://hl7.org/fhir/StructureDefinition/DetectedIssue",
            [CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.SearchType],
            [("patient", SearchParamType.Reference), ("status", SearchParamType.Token)], includes: ["DetectedIssue:patient", "DetectedIssue:implicated"]));
        rest.Resource.Add(Resource("Communication", "http://hl7.org/fhir/StructureDefinition/Communication",
            [CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.SearchType],
            [("patient", SearchParamType.Reference), ("subject", SearchParamType.Reference)]));
        rest.Resource.Add(Resource("CarePlan", "http://hl7.org/fhir/StructureDefinition/CarePlan",
            [CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.SearchType],
            [("patient", SearchParamType.Reference), ("subject", SearchParamType.Reference), ("status", SearchParamType.Token)], includes: ["CarePlan:goal"]));
        rest.Resource.Add(Resource("Goal", "http://hl7.org/fhir/StructureDefinition/Goal",
            [CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.SearchType],
            [("patient", SearchParamType.Reference), ("subject", SearchParamType.Reference), ("lifecycle-status", SearchParamType.Token)]));
        var composition = Resource("Composition", "http://hl7.org/fhir/StructureDefinition/Composition",
            [CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.SearchType],
            [("patient", SearchParamType.Reference), ("subject", SearchParamType.Reference)]);
        composition.Documentation = "Journal notes for the EHR, one per handled alert (docs/fhir.md).";
        composition.Operation.Add(new CapabilityStatement.OperationComponent { Name = "document", Definition = "http://hl7.org/fhir/OperationDefinition/Composition-document" });
        rest.Resource.Add(composition);
        rest.Resource.Add(Resource("Device", "http://hl7.org/fhir/StructureDefinition/Device",
            [CapabilityStatement.TypeRestfulInteraction.Create, CapabilityStatement.TypeRestfulInteraction.Read], []));
        rest.Interaction.Add(new CapabilityStatement.SystemInteractionComponent { Code = CapabilityStatement.SystemRestfulInteraction.Transaction });
        rest.Interaction.Add(new CapabilityStatement.SystemInteractionComponent { Code = CapabilityStatement.SystemRestfulInteraction.Batch });
        // Bulk Data export (system, Patient and Group = a follow-up service): BulkExportEndpoints.
        rest.Operation.Add(new CapabilityStatement.OperationComponent { Name = "export", Definition = "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export" });
        rest.Resource.Add(new CapabilityStatement.ResourceComponent
        {
            Type = "Group",
            Documentation = "A follow-up service, for its bulk export only (GET /fhir/Group/{service id}/$export); Group is not read or searched.",
            Operation = [new CapabilityStatement.OperationComponent { Name = "export", Definition = "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/group-export" }],
        });
        rest.Resource.Add(Subscriptions());
        rest.Resource.Single(r => r.Type == "Patient").Operation.Add(new CapabilityStatement.OperationComponent
        {
            Name = "export", Definition = "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export",
        });
        return new CapabilityStatement
        {
            Status = PublicationStatus.Active,
            DateElement = new FhirDateTime(now),
            Kind = CapabilityStatementKind.Instance,
            Software = new CapabilityStatement.SoftwareComponent { Name = "Varde" },
            Implementation = new CapabilityStatement.ImplementationComponent { Description = "Varde FHIR R4 API", Url = baseUrl },
            FhirVersion = FHIRVersion.N4_0_1,
            Instantiates = ["http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data",
                "http://hl7.org/fhir/uv/subscriptions-backport/CapabilityStatement/backport-subscription-server-r4"],
            Format = ["application/fhir+json", "json"],
            Rest = [rest],
        };
    }

    /// <summary>Subscriptions (R4 backport, rest-hook): the topics offered, and the interactions of <see cref="SubscriptionResources"/>.</summary>
    private static CapabilityStatement.ResourceComponent Subscriptions()
    {
        var subscription = new CapabilityStatement.ResourceComponent
        {
            Type = "Subscription",
            SupportedProfile = [SubscriptionMapping.SubscriptionProfile],
            Documentation = "Topic-based rest-hook subscriptions (Subscriptions R5 Backport): alerts (filters patient, severity) and observations (filters patient, code).",
            Interaction = new[]
                {
                    CapabilityStatement.TypeRestfulInteraction.Create, CapabilityStatement.TypeRestfulInteraction.Read,
                    CapabilityStatement.TypeRestfulInteraction.Delete, CapabilityStatement.TypeRestfulInteraction.SearchType,
                }
                .Select(i => new CapabilityStatement.ResourceInteractionComponent { Code = i }).ToList(),
            SearchParam = [new CapabilityStatement.SearchParamComponent { Name = "status", Type = SearchParamType.Token, Documentation = "Your own subscriptions by status." }],
            Operation =
            [
                new CapabilityStatement.OperationComponent { Name = "status", Definition = "http://hl7.org/fhir/uv/subscriptions-backport/OperationDefinition/backport-subscription-status" },
                new CapabilityStatement.OperationComponent { Name = "events", Definition = "http://hl7.org/fhir/uv/subscriptions-backport/OperationDefinition/backport-subscription-events" },
            ],
        };
        foreach (var topic in SubscriptionMapping.Topics.Keys)
            subscription.AddExtension(SubscriptionMapping.TopicCanonical, new Canonical(topic));
        return subscription;
    }

    private static CapabilityStatement.ResourceComponent Resource(string type, string profile, CapabilityStatement.TypeRestfulInteraction[] interactions,
        (string Name, SearchParamType Type)[] parameters, bool conditionalCreate = false, string[]? includes = null, string[]? revincludes = null)
    {
        var resource = new CapabilityStatement.ResourceComponent
        {
            Type = type,
            Profile = profile,
            Interaction = interactions.Concat(type is "Observation" or "QuestionnaireResponse" or "DetectedIssue" or "Device" or "CarePlan"
                    ? [CapabilityStatement.TypeRestfulInteraction.Vread, CapabilityStatement.TypeRestfulInteraction.HistoryInstance] : [])
                .Select(i => new CapabilityStatement.ResourceInteractionComponent { Code = i }).ToList(),
            SearchParam = parameters.Select(p => new CapabilityStatement.SearchParamComponent { Name = p.Name, Type = p.Type }).ToList(),
            ConditionalCreate = conditionalCreate ? true : null,
        };
        resource.SearchInclude = includes ?? [];
        resource.SearchRevInclude = revincludes ?? [];
        if (parameters.Length > 0)
        {
            resource.SearchParam.Add(new CapabilityStatement.SearchParamComponent
            {
                Name = "_count", Type = SearchParamType.Number, Documentation = $"Page size; above {FhirPage.Max} it is capped (with a warning in the bundle), not refused.",
            });
            resource.SearchParam.Add(new CapabilityStatement.SearchParamComponent { Name = "_offset", Type = SearchParamType.Number, Documentation = "Paging: follow the bundle's next link." });
            if (parameters.Any(p => p.Name == "patient"))
                resource.SearchParam.Add(new CapabilityStatement.SearchParamComponent
                {
                    Name = "patient.identifier", Type = SearchParamType.Token, Documentation = "The patient's fødselsnummer or D-nummer as system|value (a chain).",
                });
            resource.SearchParam.Add(new CapabilityStatement.SearchParamComponent { Name = "_summary", Type = SearchParamType.Token, Documentation = "count (the total only) or false." });
            resource.SearchParam.Add(new CapabilityStatement.SearchParamComponent { Name = "_elements", Type = SearchParamType.String, Documentation = "Top-level elements to keep; the entries are tagged SUBSETTED." });
            resource.SearchParam.Add(new CapabilityStatement.SearchParamComponent { Name = "_total", Type = SearchParamType.Token, Documentation = "Accepted; the total is always exact." });
            if (type == "Observation")
                resource.SearchParam.Add(new CapabilityStatement.SearchParamComponent { Name = "_sort", Type = SearchParamType.String, Documentation = "date or -date" });
        }

        return resource;
    }
}
