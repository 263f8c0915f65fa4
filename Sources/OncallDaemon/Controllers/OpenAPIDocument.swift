// SPDX-License-Identifier: GPL-3.0-or-later

/// The API as an OpenAPI 3.1 document, written by hand from the handlers; served at `GET /v1/openapi.yaml`.
///
/// A constant rather than a bundle resource: the document travels inside the one `oncalld` binary, so an
/// installed copy (see `Samples/oncall.service`) can never lose it. `OpenAPIConformanceTests` runs
/// schemathesis against a live daemon with it, and `OpenAPIDocumentTests` checks it names every route.
enum OpenAPIDocument {
    static let yaml = #"""
        openapi: 3.1.0
        info:
          title: oncall daemon API
          version: "1"
          license:
            name: GPL-3.0-or-later
            identifier: GPL-3.0-or-later
          description: |
            The HTTP API of `oncall serve`: published rosters, who is on call, overrides, escalations and
            their pages, the patient register, calendar feeds. Every route under `/v1` needs
            `Authorization: Bearer TOKEN` (401 without a known token, 403 outside the token's role), except
            the signed acknowledge links, the calendar feeds (their key is the credential) and this document;
            `/health` and `/metrics` are open too. Roles: `admin`, `facility`, `responder`, `call_centre`;
            each operation says which may call it.

            Errors are `{"error": {"message", "field"}}`, with `violations` (hard rules a roster or override
            breaks) or `issues` (problems of an uploaded register, each with its line and column) where they apply.

            Not described here: the HTML web pages (`/`, `/month`, `/month/{month}`, `/members/{id}`, its
            feed-key forms, `/login`, `/logout`) and the call centre's desk (`/call-centre…`). They answer HTML
            or 303 redirects to a browser signed in with a cookie (see the README).
        tags:
          - {name: rosters, description: "Published monthly rosters and their versions"}
          - {name: coverage, description: "Who is on call"}
          - {name: overrides, description: "Swaps and substitutions on a published roster"}
          - {name: escalations, description: "Calls that page members in order until one acknowledges"}
          - {name: links, description: "The signed acknowledge and decline links each page carries"}
          - {name: patients, description: "The register of patients needing 24-hour response"}
          - {name: feeds, description: "Calendar feeds (RFC 5545) and their keys"}
          - {name: operations, description: "Health, metrics and this document"}
        security:
          - bearer: []
        paths:
          /health:
            get:
              tags: [operations]
              operationId: getHealth
              summary: Whether the store answers and the engine keeps up (counts only)
              security: []
              responses:
                "200":
                  description: >-
                    Healthy (`ok`), or `degraded`: the only unreadable rosters are of months before yesterday's, so
                    tonight's pages are not affected.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Health"}
                "503":
                  description: >-
                    The store cannot be read, an open escalation is more than 30 s past its deadline (the engine
                    has stopped), or a roster from yesterday's month on no longer parses against the network file
                    (nobody is paged from it: publish it again): a supervisor should act.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Health"}
          /metrics:
            get:
              tags: [operations]
              operationId: getMetrics
              summary: Prometheus text exposition (counts and latencies, no personal data)
              security: []
              responses:
                "200":
                  description: "`oncall_escalations_total{status}`, `oncall_page_latency_seconds{channel}`, `oncall_send_failures_total{channel}`, `oncall_unreadable_rosters`."
                  content:
                    text/plain:
                      schema: {type: string}
          /v1/openapi.yaml:
            get:
              tags: [operations]
              operationId: getOpenAPIDocument
              summary: This document
              security: []
              responses:
                "200":
                  description: The OpenAPI 3.1 document, YAML.
                  content:
                    application/yaml:
                      schema:
                        type: object
                        required: [openapi, info, paths]
                        properties:
                          openapi: {type: string, const: 3.1.0}

          /v1/rosters/{month}:
            parameters:
              - $ref: "#/components/parameters/Month"
            put:
              tags: [rosters]
              operationId: publishRoster
              summary: Publish a month's roster (admin)
              description: >-
                The roster is checked against the network's hard rules and stored as a new version; earlier
                versions are kept. A body whose Content-Type contains `json` is read as JSON, anything else as
                CSV (`date,shift,pool,tier,member`, more columns allowed, UTF-8 with or without BOM).
              requestBody:
                required: true
                content:
                  text/csv:
                    schema: {type: string}
                    example: |
                      date,shift,pool,tier,member
                      2026-12-01,night,physicians,primary,yamamoto-kenichi
                  application/json:
                    schema:
                      oneOf:
                        - type: object
                          required: [assignments]
                          properties:
                            assignments:
                              type: array
                              items: {$ref: "#/components/schemas/Assignment"}
                        - type: array
                          items: {$ref: "#/components/schemas/Assignment"}
              responses:
                "200":
                  description: Published.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Published"}
                "400":
                  description: >-
                    The month is not YYYY-MM, the body is not a roster (unknown pool, shift or member, a date outside
                    the month, a malformed row), or it has no assignments.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Error"}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "403": {$ref: "#/components/responses/Forbidden"}
                "413": {$ref: "#/components/responses/ContentTooLarge"}
                "422":
                  description: The roster breaks hard rules; each is listed in `violations`. Nothing is stored.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Error"}
            get:
              tags: [rosters]
              operationId: getRoster
              summary: The month's latest roster, as published or with the overrides in force applied (admin)
              parameters:
                - name: in_force
                  in: query
                  required: false
                  description: "1: with every override in force applied (what pages go by); 0 or absent: as published."
                  schema: {type: string, enum: ["1", "0", "true", "false"]}
              responses:
                "200":
                  description: The canonical roster CSV of the latest version.
                  headers:
                    X-Roster-Version:
                      description: The version shown.
                      required: true
                      schema: {type: integer, minimum: 1}
                    X-Overrides-Applied:
                      description: With `in_force=1`, how many overrides were applied.
                      schema: {type: integer, minimum: 0}
                  content:
                    text/csv:
                      schema: {type: string}
                "400": {$ref: "#/components/responses/BadRequest"}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "403": {$ref: "#/components/responses/Forbidden"}
                "404": {$ref: "#/components/responses/NotFound"}
          /v1/rosters/{month}/versions:
            parameters:
              - $ref: "#/components/parameters/Month"
            get:
              tags: [rosters]
              operationId: listRosterVersions
              summary: Every version published for the month, oldest first (admin)
              responses:
                "200":
                  description: The versions; empty when none is published.
                  content:
                    application/json:
                      schema:
                        type: array
                        items: {$ref: "#/components/schemas/RosterVersion"}
                "400": {$ref: "#/components/responses/BadRequest"}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "403": {$ref: "#/components/responses/Forbidden"}
          /v1/rosters/{month}/versions/{version}:
            parameters:
              - $ref: "#/components/parameters/Month"
              - name: version
                in: path
                required: true
                schema: {type: integer, minimum: 1}
            get:
              tags: [rosters]
              operationId: getRosterVersion
              summary: One version of the month's roster (admin)
              responses:
                "200":
                  description: The version's roster CSV.
                  headers:
                    X-Roster-Version:
                      required: true
                      schema: {type: integer, minimum: 1}
                  content:
                    text/csv:
                      schema: {type: string}
                "400": {$ref: "#/components/responses/BadRequest"}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "403": {$ref: "#/components/responses/Forbidden"}
                "404": {$ref: "#/components/responses/NotFound"}

          /v1/oncall:
            get:
              tags: [coverage]
              operationId: getOnCall
              summary: Who covers at an instant (admin, facility, call_centre)
              description: >-
                A facility token sees the pools covering its patients, a call centre those of its districts. With
                `pool`, one coverage; without, one per visible pool that has someone rostered.
              parameters:
                - name: pool
                  in: query
                  schema: {type: string}
                  example: physicians
                - $ref: "#/components/parameters/At"
                - $ref: "#/components/parameters/Next"
              responses:
                "200":
                  description: A coverage with `pool`, else an array of them.
                  content:
                    application/json:
                      schema:
                        oneOf:
                          - $ref: "#/components/schemas/Coverage"
                          - type: array
                            items: {$ref: "#/components/schemas/Coverage"}
                "400":
                  description: An unknown pool, or `at` is not an ISO 8601 instant with a time zone.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Error"}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "403": {$ref: "#/components/responses/Forbidden"}
                "404":
                  description: Nobody is rostered for `pool` then.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Error"}
          /v1/facilities/{id}/oncall:
            parameters:
              - name: id
                in: path
                required: true
                description: A facility id of the network.
                schema: {type: string}
            get:
              tags: [coverage]
              operationId: getFacilityOnCall
              summary: Who covers the pools covering one facility (admin, facility for its own)
              parameters:
                - $ref: "#/components/parameters/At"
                - $ref: "#/components/parameters/Next"
              responses:
                "200":
                  description: One coverage per covering pool that has someone rostered.
                  content:
                    application/json:
                      schema:
                        type: array
                        items: {$ref: "#/components/schemas/Coverage"}
                "400": {$ref: "#/components/responses/BadRequest"}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "403": {$ref: "#/components/responses/Forbidden"}
                "404": {$ref: "#/components/responses/NotFound"}

          /v1/overrides:
            post:
              tags: [overrides]
              operationId: createOverride
              summary: Hand a duty to a member, in place of another or in addition (admin)
              description: The published roster with every override in force plus this one must still hold the hard rules.
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {$ref: "#/components/schemas/OverrideRequest"}
              responses:
                "201":
                  description: The override, in force.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Override"}
                "400":
                  description: >-
                    The body is not JSON or lacks a field, an unknown pool, shift or member, a date that is not
                    YYYY-MM-DD, a tier that is not primary or backup, or `replaces` is not on that duty now.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Error"}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "403": {$ref: "#/components/responses/Forbidden"}
                "409":
                  description: No roster is published for the date's month.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Error"}
                "413": {$ref: "#/components/responses/ContentTooLarge"}
                "422":
                  description: The override would break hard rules (`violations`). Nothing is stored.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Error"}
            get:
              tags: [overrides]
              operationId: listOverrides
              summary: The overrides in force (admin)
              responses:
                "200":
                  description: The overrides in force.
                  content:
                    application/json:
                      schema:
                        type: array
                        items: {$ref: "#/components/schemas/Override"}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "403": {$ref: "#/components/responses/Forbidden"}
          /v1/overrides/{id}:
            parameters:
              - name: id
                in: path
                required: true
                schema: {type: string}
            delete:
              tags: [overrides]
              operationId: revokeOverride
              summary: Revoke an override (admin)
              responses:
                "204": {description: "Revoked."}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "403": {$ref: "#/components/responses/Forbidden"}
                "404": {$ref: "#/components/responses/NotFound"}

          /v1/escalations:
            post:
              tags: [escalations]
              operationId: createEscalation
              summary: Start an escalation for a patient, a pool or a facility (admin, facility, call_centre)
              description: >-
                A facility token speaks for its own facility when the body names none. The plan is fixed now;
                steps nobody is rostered for are left out, and `next_on_rota` says who is next on the rota when
                nobody is now. The same caller's `idempotency_key` again with the same request answers 200 and
                pages nobody again.
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {$ref: "#/components/schemas/EscalationRequest"}
              responses:
                "200":
                  description: The caller's earlier escalation under the same idempotency key.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/EscalationCreated"}
                "201":
                  description: Started; the engine pages the first step now.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/EscalationCreated"}
                "400":
                  description: >-
                    Not a JSON object, an unknown field (named, with a suggestion), a trailing comma, a field of the
                    wrong type, an unknown urgency, facility, pool or patient, both a patient and a pool, none of
                    patient, pool and facility, or an idempotency key not 1 to 200 characters.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Error"}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "403":
                  description: The token's role may not escalate, or it does not act for the facility or patient, or the pool does not cover its facility.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Error"}
                "409":
                  description: >-
                    No pool covers the facility, nobody at all can be paged, or the idempotency key was used for
                    another request.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Error"}
                "413": {$ref: "#/components/responses/ContentTooLarge"}
          /v1/escalations/{id}:
            parameters:
              - $ref: "#/components/parameters/EscalationID"
            get:
              tags: [escalations]
              operationId: getEscalation
              summary: An escalation, its plan, every page attempt and every answer (any role, within its sight)
              description: >-
                A facility sees its own escalations, a responder those that page its member, a call centre those of
                its districts' facilities.
              responses:
                "200":
                  description: The escalation.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Escalation"}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "403": {$ref: "#/components/responses/Forbidden"}
                "404": {$ref: "#/components/responses/NotFound"}
          /v1/escalations/{id}/ack:
            parameters:
              - $ref: "#/components/parameters/EscalationID"
            post:
              tags: [escalations]
              operationId: acknowledgeEscalation
              summary: Acknowledge a page; closes the escalation (admin, responder, call_centre)
              description: &answerDescription >-
                A responder answers only for its own member, once paged. An admin or a call centre may answer on a
                member's behalf (the member must be in the plan), or without `member` as itself. An answer to a
                closed escalation changes nothing and shows it.
              requestBody: &answerBody
                required: true
                content:
                  application/json:
                    schema: {$ref: "#/components/schemas/AnswerRequest"}
              responses: &answerResponses
                "200":
                  description: The escalation after the answer.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Escalation"}
                "400":
                  description: The body is not a JSON object with at most `member`, or the member is not paged by this escalation.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Error"}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "403":
                  description: >-
                    The role may not answer, a responder names another member (or none), the member has not been paged
                    yet, or the escalation is outside a call centre's districts.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Error"}
                "404": {$ref: "#/components/responses/NotFound"}
                "413": {$ref: "#/components/responses/ContentTooLarge"}
          /v1/escalations/{id}/decline:
            parameters:
              - $ref: "#/components/parameters/EscalationID"
            post:
              tags: [escalations]
              operationId: declineEscalation
              summary: Decline a page; ends the decliner's part of the current step (admin, responder, call_centre)
              description: *answerDescription
              requestBody: *answerBody
              responses: *answerResponses

          /v1/links/ack:
            get:
              tags: [links]
              operationId: showAckLink
              summary: The page a signed acknowledge link opens; changes nothing
              description: &linkGetDescription >-
                No token: the signature is the authority. Shows the call and one button that POSTs to the same URL.
                A GET never answers (a mail app's link preview must not acknowledge a page).
              security: []
              parameters: &linkParameters
                - {name: escalation, in: query, required: true, schema: {type: string}}
                - {name: member, in: query, required: true, schema: {type: string}}
                - {name: expires, in: query, required: true, description: "Unix time the link expires at.", schema: {type: integer}}
                - {name: sig, in: query, required: true, description: "HMAC-SHA256 of the link's fields under the daemon's link secret.", schema: {type: string}}
                - {name: lang, in: query, description: "The page's language (default from Accept-Language, else Japanese).", schema: {type: string, enum: [ja, en]}}
              responses: &linkGetResponses
                "200":
                  description: The page.
                  content:
                    text/html:
                      schema: {type: string}
                "403":
                  description: The link is invalid or has expired.
                  content:
                    text/html:
                      schema: {type: string}
            post:
              tags: [links]
              operationId: answerAckLink
              summary: Acknowledge through a signed link (once)
              description: &linkPostDescription >-
                No token: the signature is the authority. The body is not read. With `Accept: application/json`
                the answer is JSON, otherwise the page again with the outcome.
              security: []
              parameters: *linkParameters
              responses: &linkPostResponses
                "200":
                  description: Answered; `recorded` is false when the escalation was already closed.
                  content:
                    text/html:
                      schema: {type: string}
                    application/json:
                      schema: {$ref: "#/components/schemas/LinkAnswer"}
                "400":
                  description: The link's member is not paged by this escalation.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Error"}
                "403":
                  description: The link is invalid or has expired (HTML, or JSON when asked for), or its member has not been paged yet (JSON).
                  content:
                    text/html:
                      schema: {type: string}
                    application/json:
                      schema: {$ref: "#/components/schemas/Error"}
          /v1/links/decline:
            get:
              tags: [links]
              operationId: showDeclineLink
              summary: The page a signed decline link opens; changes nothing
              description: *linkGetDescription
              security: []
              parameters: *linkParameters
              responses: *linkGetResponses
            post:
              tags: [links]
              operationId: answerDeclineLink
              summary: Decline through a signed link (once)
              description: *linkPostDescription
              security: []
              parameters: *linkParameters
              responses: *linkPostResponses

          /v1/patients:
            put:
              tags: [patients]
              operationId: replacePatients
              summary: Replace the whole register with a CSV (admin)
              description: >-
                `id,name,facility,attending,partner,hospital,consent` (Japanese headers such as
                `患者ID,氏名,施設,主治医,副主治医,病院,同意日` too), UTF-8 with or without BOM, UTF-16 or Shift_JIS. The
                Content-Type is not read. A register with any problem stores nothing.
              requestBody:
                required: true
                content:
                  text/csv:
                    schema: {type: string}
                    example: |
                      id,name,facility,attending,partner,hospital,consent
                      K-001,北村 トメ,kitayama-chuo,yamamoto-kenichi,yamamoto-misaki,kitayama-hosp,2026-04-01
              responses:
                "200":
                  description: Stored; the ids added, changed and removed.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/PatientsReplaced"}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "403": {$ref: "#/components/responses/Forbidden"}
                "413": {$ref: "#/components/responses/ContentTooLarge"}
                "422":
                  description: The register has problems, each in `issues` with its line and column. Nothing is stored.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Error"}
            get:
              tags: [patients]
              operationId: listPatients
              summary: The register as the token may see it (admin, facility, call_centre)
              description: >-
                An admin sees every patient, a facility its own, a call centre its districts'; the name only with a
                consent date (an admin always).
              parameters:
                - name: q
                  in: query
                  description: Only patients whose id contains it (any case), or whose name does where the name may be shown.
                  schema: {type: string}
              responses:
                "200":
                  description: The patients.
                  content:
                    application/json:
                      schema:
                        type: array
                        items: {$ref: "#/components/schemas/Patient"}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "403": {$ref: "#/components/responses/Forbidden"}
          /v1/patients/{id}:
            parameters:
              - $ref: "#/components/parameters/PatientID"
            get:
              tags: [patients]
              operationId: getPatient
              summary: One patient (admin, facility, call_centre, within its sight)
              responses:
                "200":
                  description: The patient.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Patient"}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "403": {$ref: "#/components/responses/Forbidden"}
                "404": {$ref: "#/components/responses/NotFound"}
            delete:
              tags: [patients]
              operationId: deletePatient
              summary: Remove a patient from the register; the audit log keeps the id (admin)
              responses:
                "204": {description: "Removed."}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "403": {$ref: "#/components/responses/Forbidden"}
                "404": {$ref: "#/components/responses/NotFound"}
          /v1/patients/{id}/chain:
            parameters:
              - $ref: "#/components/parameters/PatientID"
            get:
              tags: [patients]
              operationId: getPatientChain
              summary: Who would be paged for the patient right now, in order (admin, facility, call_centre)
              responses:
                "200":
                  description: The chain, with every skipped candidate and the reason.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Chain"}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "403": {$ref: "#/components/responses/Forbidden"}
                "404": {$ref: "#/components/responses/NotFound"}

          /v1/ical/keys:
            post:
              tags: [feeds]
              operationId: createFeedKey
              summary: Make a calendar-feed key for a member or a pool (admin)
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {$ref: "#/components/schemas/FeedKeyRequest"}
              responses:
                "201":
                  description: The key and its feed's URL.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/FeedKey"}
                "400":
                  description: The body is not JSON, names neither or both of `member` and `pool`, or an unknown one.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Error"}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "403": {$ref: "#/components/responses/Forbidden"}
                "413": {$ref: "#/components/responses/ContentTooLarge"}
            get:
              tags: [feeds]
              operationId: listFeedKeys
              summary: The feed keys in force, with their URLs (admin)
              responses:
                "200":
                  description: The keys.
                  content:
                    application/json:
                      schema:
                        type: array
                        items: {$ref: "#/components/schemas/FeedKey"}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "403": {$ref: "#/components/responses/Forbidden"}
          /v1/ical/keys/{key}:
            parameters:
              - name: key
                in: path
                required: true
                description: The key itself, or its row's id.
                schema: {type: string}
            delete:
              tags: [feeds]
              operationId: revokeFeedKey
              summary: Revoke a feed key (admin)
              responses:
                "204": {description: "Revoked; the feed answers 404 to it from now on."}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "403": {$ref: "#/components/responses/Forbidden"}
                "404": {$ref: "#/components/responses/NotFound"}
          /v1/ical/members/{id}.ics:
            get:
              tags: [feeds]
              operationId: getMemberFeed
              summary: A member's duties as a calendar feed (the key is the credential)
              security: []
              parameters:
                - {name: id, in: path, required: true, description: "A member id.", schema: {type: string}}
                - $ref: "#/components/parameters/FeedKey"
                - $ref: "#/components/parameters/FeedLanguage"
              responses: &feedResponses
                "200":
                  description: >-
                    The published months around now (the previous, this and the next two) with the overrides in
                    force, one VEVENT per duty.
                  content:
                    text/calendar:
                      schema: {type: string}
                "404":
                  description: No such feed; the same for a wrong, revoked or another feed's key.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Error"}
          /v1/ical/pools/{id}.ics:
            get:
              tags: [feeds]
              operationId: getPoolFeed
              summary: A pool's duties, with who is on, as a calendar feed (the key is the credential)
              security: []
              parameters:
                - {name: id, in: path, required: true, description: "A pool id.", schema: {type: string}}
                - $ref: "#/components/parameters/FeedKey"
                - $ref: "#/components/parameters/FeedLanguage"
              responses: *feedResponses

        components:
          securitySchemes:
            bearer:
              type: http
              scheme: bearer
              description: "A token of the daemon's config (`ONCALL_ADMIN_TOKEN` or `tokens:`), sent as `Authorization: Bearer TOKEN`."

          parameters:
            Month:
              name: month
              in: path
              required: true
              description: YYYY-MM.
              schema: {type: string, pattern: "^[0-9]{4}-[0-9]{2}$"}
              example: "2026-12"
            At:
              name: at
              in: query
              description: The instant, ISO 8601 with a time zone, between 1970 and 2200; default now.
              schema: {type: string, format: date-time}
              example: "2026-12-06T02:00:00+09:00"
            Next:
              name: next
              in: query
              description: "`1` or `true`: the shift that starts next after `at` instead of the one running; any other value: the one running."
              schema: {type: string}
              example: "1"
            EscalationID:
              name: id
              in: path
              required: true
              schema: {type: string}
            PatientID:
              name: id
              in: path
              required: true
              description: The patient's id in the register.
              schema: {type: string}
              example: K-001
            FeedKey:
              name: key
              in: query
              description: The feed's key (from `POST /v1/ical/keys`).
              schema: {type: string}
            FeedLanguage:
              name: lang
              in: query
              description: Event titles in Japanese (`ja`) or English (`en`); default from the network's time zone.
              schema: {type: string}

          responses:
            BadRequest:
              description: A parameter is malformed; `error.field` names it.
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Error"}
            Unauthorized:
              description: "No `Authorization: Bearer` header, or an unknown token."
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Error"}
            Forbidden:
              description: The token's role, facility or districts may not do this.
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Error"}
            NotFound:
              description: No such resource; `error.field` names the parameter.
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Error"}
            ContentTooLarge:
              description: The body is larger than 2 MiB.
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Error"}

          schemas:
            Error:
              type: object
              required: [error]
              additionalProperties: false
              properties:
                error:
                  type: object
                  required: [message]
                  additionalProperties: false
                  properties:
                    message: {type: string, description: "Starts with the field when there is one: `field: message`."}
                    field: {type: string, description: "The request field or parameter at fault."}
                violations:
                  type: array
                  description: The hard rules a roster or override breaks.
                  items:
                    type: object
                    required: [rule, message]
                    additionalProperties: false
                    properties:
                      rule: {type: string}
                      message: {type: string}
                issues:
                  type: array
                  description: The problems of an uploaded register.
                  items:
                    type: object
                    required: [message]
                    additionalProperties: false
                    properties:
                      line: {type: integer}
                      column: {type: integer}
                      field: {type: string}
                      message: {type: string}
                      hint: {type: string}

            Health:
              type: object
              required: [status]
              additionalProperties: false
              properties:
                status: {type: string, enum: [ok, degraded, unhealthy]}
                open_escalations: {type: integer, minimum: 0}
                overdue_escalations: {type: integer, minimum: 0}
                problem: {type: string}
                members_without_channel:
                  type: object
                  description: Pool members with no webhook, e-mail or SMS, per pool (only when there are some).
                  additionalProperties: {type: integer, minimum: 1}
                unreadable_rosters:
                  type: array
                  description: >-
                    Published months whose roster no longer parses against the network file, oldest first (only when
                    there are some): not in force, nobody is paged from them.
                  items: {type: string, pattern: "^[0-9]{4}-[0-9]{2}$"}

            Assignment:
              type: object
              required: [date, shift, pool, tier, member]
              properties:
                date: {type: string, format: date, description: "The date the shift starts on."}
                shift: {type: string}
                pool: {type: string}
                tier: {$ref: "#/components/schemas/Tier"}
                member: {type: string}
            Tier:
              type: string
              enum: [primary, backup]
            Published:
              type: object
              required: [month, duties, version]
              additionalProperties: false
              properties:
                month: {type: string, pattern: "^[0-9]{4}-[0-9]{2}$"}
                duties: {type: integer, minimum: 1}
                version: {type: integer, minimum: 1}
            RosterVersion:
              type: object
              required: [version, published_at, published_by, duties]
              additionalProperties: false
              properties:
                version: {type: integer, minimum: 1}
                published_at: {type: string, format: date-time}
                published_by: {type: string}
                duties: {type: integer, minimum: 0}

            CoveringMember:
              type: object
              required: [member, name, facility]
              additionalProperties: false
              properties:
                member: {type: string}
                name: {type: string}
                facility: {type: string}
            Coverage:
              type: object
              required: [pool, date, shift, start, end, primary, backup]
              additionalProperties: false
              properties:
                pool: {type: string}
                date: {type: string, format: date, description: "The date the shift starts on (a night's 02:00 belongs to the evening before)."}
                shift: {type: string}
                start: {type: string, format: date-time}
                end: {type: string, format: date-time}
                primary:
                  type: array
                  items: {$ref: "#/components/schemas/CoveringMember"}
                backup:
                  type: array
                  items: {$ref: "#/components/schemas/CoveringMember"}

            OverrideRequest:
              type: object
              required: [pool, date, shift, tier, member]
              description: Other fields are ignored.
              properties:
                pool: {type: string}
                date: {type: string, format: date}
                shift: {type: string}
                tier: {$ref: "#/components/schemas/Tier"}
                member: {type: string, description: "Who takes the duty."}
                replaces: {type: [string, "null"], description: "Who gives it up; without (or null), the member is added to the duty."}
            Override:
              type: object
              required: [id, pool, date, shift, tier, member, created_at, created_by]
              additionalProperties: false
              properties:
                id: {type: string}
                pool: {type: string}
                date: {type: string, format: date}
                shift: {type: string}
                tier: {$ref: "#/components/schemas/Tier"}
                member: {type: string}
                replaces: {type: string}
                created_at: {type: string, format: date-time}
                created_by: {type: string}
                revoked_at: {type: string, format: date-time}

            EscalationRequest:
              type: object
              additionalProperties: false
              description: >-
                A patient (their facility escalates), a pool, or a facility (the first pool covering it with
                someone on duty, physicians first). Unknown fields are refused.
              properties:
                patient: {type: [string, "null"]}
                pool: {type: [string, "null"]}
                facility: {type: [string, "null"]}
                note: {type: [string, "null"], maxLength: 2000, description: "What the caller says; at most 2,000 characters, and every page carries it whole."}
                urgency: {type: [string, "null"], enum: [high, normal, low, null], default: high}
                idempotency_key: {type: [string, "null"], minLength: 1, maxLength: 200}
            EscalationCreated:
              type: object
              required: [id, status, pool]
              additionalProperties: false
              properties:
                id: {type: string}
                status: {$ref: "#/components/schemas/EscalationStatus"}
                pool: {type: string, description: "The pool whose rota the chain follows; `-` for none."}
                patient: {type: string}
                next_on_rota: {$ref: "#/components/schemas/Coverage"}
            EscalationStatus:
              type: string
              enum: [open, acknowledged, exhausted]
            Escalation:
              type: object
              required: [id, status, pool, note, urgency, step, round, paged, next_deadline, plan, pages, answers]
              additionalProperties: false
              properties:
                id: {type: string}
                status: {$ref: "#/components/schemas/EscalationStatus"}
                pool: {type: string}
                facility: {type: string}
                patient:
                  type: object
                  required: [id]
                  additionalProperties: false
                  properties:
                    id: {type: string}
                    name: {type: string, description: "Only with the patient's consent."}
                note: {type: string}
                urgency: {type: string, enum: [high, normal, low]}
                step: {type: integer, minimum: 0}
                round: {type: integer, minimum: 0}
                paged: {type: boolean, description: "Whether the current step's pages went out."}
                next_deadline: {type: string, format: date-time}
                plan:
                  type: array
                  items:
                    type: object
                    required: [tier, targets, skipped, wait_seconds]
                    additionalProperties: false
                    properties:
                      tier: {type: string, description: "attending, partner, primary, backup, physician, pharmacist, hospital, coordinator, contact"}
                      pool: {type: string}
                      wait_seconds: {type: number}
                      targets:
                        type: array
                        items:
                          type: object
                          required: [member, channels]
                          additionalProperties: false
                          properties:
                            member: {type: string, description: "A member id, or `facility:ID` for a hospital's desk."}
                            channels: {type: array, maxItems: 0, description: "Never shown."}
                      skipped:
                        type: array
                        items: {$ref: "#/components/schemas/Skipped"}
                pages:
                  type: array
                  items:
                    type: object
                    required: [page_id, member, tier, channel, sent_at, result, attempt]
                    additionalProperties: false
                    properties:
                      page_id: {type: string, description: "The same for every attempt and resend of one page."}
                      member: {type: string}
                      tier: {type: string}
                      channel: {type: string}
                      sent_at: {type: string, format: date-time}
                      result: {type: string, description: "`sending`, `delivered` or `failed: why`."}
                      attempt: {type: integer, minimum: 1}
                answers:
                  type: array
                  items:
                    type: object
                    required: [member, kind, at]
                    additionalProperties: false
                    properties:
                      member: {type: string}
                      kind: {type: string, enum: [ack, decline]}
                      at: {type: string, format: date-time}
            Skipped:
              type: object
              required: [member, reason]
              additionalProperties: false
              properties:
                member: {type: string}
                reason: {type: string}
            AnswerRequest:
              type: object
              additionalProperties: false
              properties:
                member: {type: [string, "null"], description: "The member answering; an admin or call centre without it (or with null) answers as itself."}
            LinkAnswer:
              type: object
              required: [escalation, answer, status, recorded]
              additionalProperties: false
              properties:
                escalation: {type: string}
                answer: {type: string, enum: [ack, decline]}
                status: {$ref: "#/components/schemas/EscalationStatus"}
                recorded: {type: boolean, description: "False when the escalation was already closed."}

            Patient:
              type: object
              required: [id, facility, attending]
              additionalProperties: false
              properties:
                id: {type: string}
                name: {type: string, description: "Only to an admin, or with a consent date."}
                facility: {type: string}
                attending: {type: string}
                partner: {type: string}
                hospital: {type: string}
                consent: {type: string, format: date}
            PatientsReplaced:
              type: object
              required: [patients, added, changed, removed]
              additionalProperties: false
              properties:
                patients: {type: integer, minimum: 0}
                added: {type: array, items: {type: string}}
                changed: {type: array, items: {type: string}}
                removed: {type: array, items: {type: string}}
            Chain:
              type: object
              required: [patient, steps]
              additionalProperties: false
              properties:
                patient: {type: string}
                pool: {type: string}
                next_on_rota: {$ref: "#/components/schemas/Coverage"}
                steps:
                  type: array
                  items:
                    type: object
                    required: [tier, targets, skipped]
                    additionalProperties: false
                    properties:
                      tier: {type: string}
                      pool: {type: string}
                      targets:
                        type: array
                        items:
                          type: object
                          required: [member, name]
                          additionalProperties: false
                          properties:
                            member: {type: string}
                            name: {type: string}
                            facility: {type: string}
                            facility_name: {type: string}
                      skipped:
                        type: array
                        items: {$ref: "#/components/schemas/Skipped"}

            FeedKeyRequest:
              type: object
              description: Exactly one of `member` and `pool`. Other fields are ignored.
              properties:
                member: {type: [string, "null"]}
                pool: {type: [string, "null"]}
            FeedKey:
              type: object
              required: [id, kind, subject, key, url, created_at, created_by]
              additionalProperties: false
              properties:
                id: {type: string}
                kind: {type: string, enum: [member, pool]}
                subject: {type: string, description: "The member's or pool's id."}
                key: {type: string}
                url: {type: string, description: "The feed's address: `public_url` (else the request's Host), path and key."}
                created_at: {type: string, format: date-time}
                created_by: {type: string}
        """#
}
