Invariant: cds-resp-1
Description: "only one action can be suggested if selectionBehavior = at-most-one"
* severity = #error
* expression = "(selectionBehavior = 'at-most-one') implies suggestions.where(isRecommended).count() <= 1"
Invariant: cds-resp-2
Description: "A resourceId not a resource must be provided when type = delete"
* severity = #warning
* expression = "(type = 'delete') implies (resourceId.exists() and resource.empty())"
Invariant: cds-resp-3
Description: "AppContext only for smart Apps"
* severity = #error
* expression = "(type != 'smart') implies (appContext.empty())"
Invariant: cds-resp-5
Description: "All suggestion actions must have a description"
* severity = #error
* expression = "actions.all(description.exists())"
Invariant: cds-resp-6
Description: "If suggestions are present, selectionBehavior MUST also be provided."
* severity = #error
* expression = "suggestions.exists() implies selectionBehavior.exists()"
Invariant: cds-r-1
Description: "if fhirAuthorization details are provided, a fhirServer SHALL be specified"
* severity = #error
* expression = "fhirAuthorization.exists() implies fhirServer.exists()"
Invariant: cds-r-2
Description: "If the granted SMART scopes include patient scopes (i.e. 'patient/'), the patient field SHOULD be populated to identify the FHIR id of that patient."
* severity = #warning
* expression = "scope.contains('patient/') implies patient.exists()"
