// Command server is an HTTP service that shows profilekit in real use: an Admin API with
// optimistic concurrency, a UserInfo endpoint, and an end-user settings page generated from
// the schema, over a SQLite database (modernc.org/sqlite, pure Go, no cgo).
//
//	go run ./examples/server                      # http://127.0.0.1:8080
//	go run ./examples/server -addr 127.0.0.1:9000 -db ./users.db -config ./authgear.json
//
// Flags: -addr (default 127.0.0.1:8080), -db (the SQLite file, created if missing; default
// profilekit-server.db in the temporary directory), -config (authgear.yaml, YAML or JSON:
// its user_profile member is used, or the whole file if it is that section alone; default an
// embedded demo config with given_name required for the end user, address_country_code on, and
// eight custom attributes: employee_id read-only, department an enum, shoe_size a number, tickets
// an integer, risk_score hidden from the end user, office_country a country code, newsletter a
// boolean, job_title a string that takes language-tagged variants (language_tags.custom; the
// address sub-fields take them by default); the demo user has address/locality#ja-Kana-JP and
// job_title#ja), -session-ttl
// and -session-key-file (the settings page's session tokens, below), and the timeouts and
// per-client cap below. An empty database gets the demo user "alice".
//
// THIS IS A DEMO. The Admin API has no authentication, the UserInfo tokens are forged by
// anyone (see below) and the settings page trusts ?user= (its session tokens and cross-origin
// protection show the safe pattern for forms, but nobody logs in). It listens on loopback by
// default; never expose it.
//
// # Routes
//
//	GET   /admin/users/{id}   the full profile (Admin API view); ETag: "<version>"; If-None-Match gives 304
//	PUT   /admin/users/{id}   Replace as the Admin API; Content-Type: application/json; If-Match optional
//	PATCH /admin/users/{id}   RFC 7396 merge patch as the Admin API; Content-Type: application/merge-patch+json (application/json is read as one too)
//	GET   /userinfo           the bearer's claims by scope (DEMO tokens)
//	GET   /settings?user=ID   the end user's settings page (DEMO session)
//	POST  /settings?user=ID   the settings form: 303 back to the page when saved
//	GET   /admin/images/upload               {"result": {"upload_url": ...}}: a pre-signed upload URL, 5 minutes, one use
//	POST  /_upload/APP/OBJECT?exp=&kid=&sig= multipart/form-data field "file" (under 10 MiB): {"result": {"url": "authgearimages:///APP/OBJECT"}};
//	                                         403 forged, expired, unknown-key or used URL; 413 too big; 415 not multipart;
//	                                         422 not an acceptable image (problem+json with the cause); 400 wrong field, truncated body
//	GET   /_images/APP/OBJECT/profile        the 256×256 profile variant (built on first request, cached in SQLite); also /original;
//	                                         ETag = SHA-256 of the bytes, Cache-Control immutable, If-None-Match gives 304; 404 unknown
//	POST  /settings/picture?user=ID          the settings page's picture form (csrf_token, then file): stores, sets picture, 303
//
// The upload URLs are signed (package imageupload) with a key drawn at start-up unless
// -upload-key-file names one. An object id is random and fresh for each URL; the images
// table's primary key records the upload, so a second use of a URL is refused even when two
// arrive at once, while a refused upload leaves its URL usable. The route is exempt from
// cross-origin protection: the signed URL is the credential, not a cookie. The demo config's
// images.public_host is 127.0.0.1:8080, which the public picture URLs name.
//
// # Storage and concurrency
//
// A row of the users table holds the profile in storage form (Schema.ToStorage: custom
// attributes keyed by their immutable IDs, so a renamed attribute keeps its data), an integer
// version, the user's identities (which email, phone number and username the user owns) and
// updated_at. Every read converts with Schema.FromStorage.
//
// Every write reads the user, applies the update with profilekit, and stores the result with
// a compare-and-swap on the version inside a transaction (UPDATE ... WHERE id = ? AND
// version = ?). The version is the ETag. With If-Match, a version that is not the current one
// is refused with 412 and nothing is written, also when another write lands between the read
// and the swap. Without If-Match (or with If-Match: *), a lost race re-reads and re-applies the
// same request, up to 16 attempts, then answers 409. An update that changes nothing writes
// nothing and keeps the version.
//
// If-Match is read as RFC 9110 §13.1.1 defines it: every If-Match line of the request is part
// of one comma-separated list (a field sent twice counts twice), each element an entity-tag
// parsed quote by quote (a comma inside the quotes belongs to the tag), and the write goes
// ahead if any listed tag equals the current ETag under the strong comparison. A weak tag
// (W/"3") never matches; "*" matches any existing user (an unknown user is 404 either way:
// PUT and PATCH do not create users). A field that is not "*" or a list of entity-tags (an
// unquoted 3, "*" next to a tag) is 400, never ignored. If-None-Match on GET is read from
// every line too, compared weakly, and ignored when unreadable.
//
// # Timeouts and the per-client cap
//
// A client that goes quiet loses its connection, and one client can have only so many requests
// in progress. Every timeout of the http.Server is set, each a flag with a default: -read-header-timeout (10s, the request
// line and headers), -read-timeout (20s, the whole request with its body: a body stalled
// mid-way is answered 408 and the connection closed), -write-timeout (30s, from the end of the
// headers to the end of the response) and -idle-timeout (60s, a keep-alive connection waiting
// for its next request is closed). -max-per-client (16) caps the requests in progress per
// client IP address: one more is answered 429 Too Many Requests with Retry-After: 1 and a
// problem body, and a client's entry is dropped when its last request ends. So one address
// holds at most 16 handlers, none of them waiting more than the read timeout for a trickling
// body. Connections that have not yet sent their headers, or are idle, are not counted: the
// read-header and idle timeouts bound them (a connection count per client is not kept). The
// client is the connection's remote address; behind a reverse proxy that is the proxy, so a
// deployment there would cap at the proxy or key on the address a trusted proxy reports.
//
// # Errors
//
// Errors are RFC 9457 problem details (application/problem+json) with the validation causes
// as the extension member "causes", each {"location", "kind", "details"}:
//
//	400 urn:profilekit:problem:invalid-value  a value breaks a rule, or the JSON is malformed
//	403 urn:profilekit:problem:forbidden      a change the party may not make (any forbidden cause wins)
//	422 urn:profilekit:problem:unowned        only problem: an email/phone/username not among the user's identities
//	409 urn:profilekit:problem:edit-conflict  the user kept changing during every retry
//	400, 403, 404, 405, 408, 412, 413, 415, 429
//	                                          about:blank, title = the HTTP status text (400: a malformed
//	                                          If-Match; 403: a cross-origin request)
//
// The Admin API may change every attribute, so it never meets the forbidden problem itself;
// that type comes into play for parties with access rules. The settings page answers in HTML instead: 422 with
// each problem next to its field, 409 when the page is stale; and in plain text 401 without a
// session cookie or with an expired session token, 403 with a session token that is not the
// session's (see the session below).
//
// Every POST, PUT, PATCH and DELETE, on every route, first passes net/http's
// CrossOriginProtection: a browser request that says it comes from another origin
// (Sec-Fetch-Site: cross-site or same-site, or without that header an Origin whose host is not
// the request's Host) is refused with a 403 problem before any handler runs. Requests with
// neither header (curl, servers) pass; they carry no browser cookies to abuse.
//
// # Demo bearer tokens (UserInfo)
//
// NOT AUTHENTICATION. A token names a user and scopes in clear text, and anyone can write one:
//
//	Authorization: Bearer demo:<user-id>:<scope>+<scope>...[:first]
//
// "openid" is required. A third-party client (no ":first") gets only the standard claims its
// scopes release (profile, email, phone, address); a first-party client (":first") gets every
// claim the bearer may read, custom attributes included. Attributes hidden from the bearer
// never appear, nor does email_verified without email.
//
// # The settings page (demo session)
//
// /settings?user=ID renders Schema.View(profile, access.EndUser) with html/template: hidden
// attributes are absent, read-only ones are shown disabled, controls are named by JSON pointer
// ("/given_name", "/address/locality", "/custom_attributes/shoe_size"), and the address (when
// visible) is a fieldset of its six sub-fields. Claims with a closed set of values get the
// control people expect:
//
//   - zoneinfo: a select of the canonical zones of the compiled tz database, in optgroups by
//     region (Africa, America, ..., Pacific, then Etc by UTC offset and Other); a stored alias
//     (US/Pacific) selects its zone's option, which then carries the alias;
//   - locale: a select of the config's supported_languages, or without them of the message
//     catalogs' languages and common ones, each named in its own language (x/text display);
//   - address.country (with address_country_code) and custom country_code attributes: a select of
//     the ISO 3166-1 alpha-2 codes by English name;
//   - gender: a select of female, male and other, and a text field for "other" that is always in
//     the form (CSS :has() shows it only while "other" is chosen); the select decides, so the
//     text is ignored unless "other" is chosen, and "other" with no text stores "other";
//   - birthdate: a date input and a select of what to share (the full date; day and month only,
//     stored 0000-MM-DD; the year only, stored YYYY), since a date input holds only full dates; a
//     stored partial date is shown in a placeholder year (2000, or 1 January of the year) and
//     in words under the controls; a partial choice with an empty date (what a browser sends for
//     an incomplete one) is an error, not a removal;
//   - email, phone_number and preferred_username (under identity coupling): a select of the
//     user's own identities of that kind;
//   - a boolean custom attribute: a checkbox (value "true") followed, once the attribute has a
//     value or when it is required, by a hidden field of the same name with value "false". The
//     POST keeps the first value of each key (as url.Values.Get does), so a checked box saves
//     true and an unchecked one false. An optional boolean that was never set has no hidden
//     field: left unchecked it stays unset, so saving the page unchanged does not answer "no"
//     for the user; checking it sets true, and from then on unchecking sets false. A required
//     one saves false when unchecked (no is an answer; the box carries no required attribute,
//     which would mean it must be checked). A read-only box is disabled and posts nothing. The
//     page cannot make a set boolean unset again (the Admin API can).
//
// Language-tagged variants (OIDC Core §5.2) that the profile has are shown right under their
// attribute with the lang attribute of their tag and named by their pointer: a claim's after
// the claim (/family_name#ja-Kana-JP), an address sub-field's inside the address fieldset after
// the sub-field (/address/locality#ja-Kana-JP, labelled "City (ja-Kana-JP)"), a custom string
// attribute's after the attribute (/custom_attributes/job_title#ja). They are edited like their
// attribute, with its rules and access; emptying one removes it. The page offers no input to
// add a variant the profile does not have yet (the Admin API adds them).
//
// A current value that is not among a select's options (what a rejected post sent, a locale
// outside the supported languages) is kept as an extra option, so that saving the page
// unchanged never changes a value. Required attributes (Field.Required) have an asterisk in
// their label and the required attribute on their control. The page has no script at all; the
// form is novalidate, so the server's messages (in the user's language) are the ones shown.
//
// A POST drops the non-attribute fields (csrf_token, version), combines the gender and
// birthdate controls into their claims (gender_other and birthdate_part never reach the
// library), turns the form into a merge patch with Schema.ApplyForm (an emptied field removes
// the attribute) and applies it as the end user with the stored identities. Each cause is shown
// next to the control its location names, with aria-invalid and aria-describedby on the
// control; causes with no control on the page are listed at the top.
//
// # The settings page's session
//
// The settings form shows the safe pattern for a form session, though the user still comes
// from ?user=. GET /settings starts a session when the browser has none: a random ID
// (crypto/rand, 128 bits) in a session cookie (no expiry), HttpOnly, SameSite=Lax, Path=/, and
// over TLS Secure with the __Host- prefix (__Host-profilekit_session; profilekit_session over
// plain HTTP). The form's hidden csrf_token is a session token "<issued-at>.<mac>": the Unix
// time it was issued and an HMAC-SHA256, under the server's key, of the session ID, the user
// ID and that time. A POST is saved only with the session cookie and a token whose MAC
// verifies (hmac.Equal) for that session and user, issued less than -session-ttl (default 1h)
// ago on the server's clock. A token from another browser's session, for another user,
// altered, or made without the key is 403; an expired token, or no session cookie, is 401 and
// the page must be reloaded. The key is drawn from crypto/rand at start-up, so forms die with
// the process, unless -session-key-file names a file holding one (at least 32 bytes; a final
// line break is dropped). A real service would start the session at login, keep it on the
// server so that logging out ends it, and take the user from it.
//
// # Try it
//
//	curl -i http://127.0.0.1:8080/admin/users/alice
//	curl -i -X PATCH http://127.0.0.1:8080/admin/users/alice \
//	  -H 'Content-Type: application/merge-patch+json' -H 'If-Match: "1"' \
//	  -d '{"given_name": "Alicia", "custom_attributes": {"shoe_size": 39}}'
//	curl -i -X PATCH http://127.0.0.1:8080/admin/users/alice \
//	  -H 'Content-Type: application/merge-patch+json' -H 'If-Match: "1"' \
//	  -d '{"given_name": "Mallory"}'                      # 412: version 1 is stale now
//	curl -i -X PATCH http://127.0.0.1:8080/admin/users/alice \
//	  -H 'Content-Type: application/merge-patch+json' \
//	  -d '{"birthdate": "1900-02-29", "custom_attributes": {"department": "hr"}}'   # 400 with causes
//	curl -i -X PUT http://127.0.0.1:8080/admin/users/alice -H 'Content-Type: application/json' \
//	  -d '{"given_name": "Alice", "email": "alice@example.com"}'                      # Replace
//	curl -s http://127.0.0.1:8080/userinfo -H 'Authorization: Bearer demo:alice:openid+email'
//	curl -s http://127.0.0.1:8080/userinfo -H 'Authorization: Bearer demo:alice:openid:first'
//
// A profile picture (jq picks the fields):
//
//	UPLOAD=$(curl -s http://127.0.0.1:8080/admin/images/upload | jq -r .result.upload_url)
//	REF=$(curl -s -F file=@me.png "$UPLOAD" | jq -r .result.url)
//	PIC=$(curl -s -X PATCH http://127.0.0.1:8080/admin/users/alice -H 'Content-Type: application/merge-patch+json' \
//	  -d "{\"picture\": \"$REF\"}" | jq -r .picture)
//	curl -s -o /dev/null -D - "$PIC"
//
// and open http://127.0.0.1:8080/settings?user=alice in a browser.
//
// # Tests
//
// The tests use net/http/httptest for every route, including concurrent PATCHes held at a
// barrier between read and write (no update is lost) and requests held in the handler to
// meet the per-client cap, run the program on 127.0.0.1 with short timeouts to check with raw
// connections that stalled bodies, stalled headers and idle keep-alives are cut, and drive the settings page in headless
// Chromium with github.com/chromedp/chromedp (skipped when chromium is missing, unless
// CI=true). The browser test uses every control with the page's scripts disabled and takes
// screenshots at 1200 and 400 CSS pixels wide into the test's temporary directory, logging their
// paths; set PROFILEKIT_SCREENSHOT_DIR to a directory to keep them.
package main
