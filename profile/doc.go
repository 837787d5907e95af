// Package profile is the part of profilekit most programs call: a compiled Schema and the
// update pipeline that turns a current profile plus an update from some party into the next
// profile, or one error that lists every problem.
//
// # Compile once
//
// A Config is the user_profile section of an identity server's configuration (standard
// attribute access control, custom attribute definitions) plus profilekit's options (supported
// languages, phone strictness, length limits, the picture resolver). Compile checks it —
// problems are located in the config, like "/custom_attributes/attributes/1/pointer" — and
// returns an immutable *Schema that is safe for concurrent use.
//
// # Apply updates
//
// Schema.ApplyJSON (raw JSON) and Schema.Apply (a decoded map, written as JSON and read by the
// same decoder) take the current
// profile, the update, and an Update that says who sends it (an access.Party), how to combine
// it (Replace or MergePatch) and which identities the user owns. The pipeline:
//
//  1. decodes the update, rejecting unknown members, wrong JSON types and duplicate keys;
//  2. normalizes and validates every value (trimmed, NFC, E.164 phone numbers, canonical
//     locales...), collecting every cause;
//  3. merges, checking access only on what changes: an unchanged read-only value may be sent
//     back; in Replace mode, what the party cannot see or write is kept;
//  4. checks that changed identity-coupled claims (email, phone_number, preferred_username)
//     are owned, and that derived claims (email_verified, ...) are sent only unchanged.
//
// An attribute may be required for some parties (Config: "required" on its access_control entry
// or custom definition): a Replace from such a party must include it and no update from it may
// remove it; Validate lists what is missing.
//
// It returns the next Profile and the list of Changes (for audit logs and events), or a
// *validation.Error: errors.Is(err, validation.ErrInvalid) for bad values,
// validation.ErrForbidden for access violations, validation.ErrUnowned for unowned values.
//
// # Language-tagged variants
//
// A human-readable claim may carry variants per language and script (OIDC Core §5.2):
// "family_name#ja-Kana-JP" at the top level, "locality#ja-Jpan-JP" inside "address", and,
// for custom string attributes listed in Config.LanguageTags.Custom, "kana_name#ja" inside
// "custom_attributes". The tag is matched case-insensitively and kept canonical; a variant
// takes its attribute's value rules and access rule, and Profile.Variants keys it by its
// place ("address/locality#ja-Jpan-JP"). UserInfoRequest.ClaimsLocales releases the
// best-matching variants.
//
// # Read
//
// Schema.View gives what a party may see, with a per-attribute writable flag (what a settings
// page renders). Schema.UserInfo gives a bearer's claims by OIDC scope. ToStorage and
// FromStorage convert between representation form (custom attributes by name, public picture
// URLs) and storage form (by immutable ID, image references). Ingest and Populate bring in
// claims from an external identity provider leniently; Reconcile aligns identity-coupled claims
// with the user's identities; ApplyForm applies an HTML form post.
//
// # What a party learns, and what is never lost
//
// Nothing a party gets back — success or failure, causes and their details, the change list,
// a View — depends on what it cannot read: mentioning a hidden attribute (or a derived claim
// whose parent is hidden) is refused alike whatever is stored, and a cause quotes at most
// validation.MaxQuote runes of a rejected value. A stored custom value the schema does not
// define (an orphan: a definition removed outside customattr.CheckEvolution, a profile from
// another deployment) is kept by every update and every storage conversion, invisible to
// every party; FromStorage lists orphans.
//
// # What hostile input costs
//
// Within the default Limits (1 MiB, 1000 members, depth 16) and the default text lengths, no
// update costs more than about 20 ms and 8 MiB on a 2-core machine (BenchmarkHostile in the
// tests). Most checks cost 1-3 ms a MiB; the two that grow with the rules rather than the
// bytes — Unicode normalization of long non-ASCII text, and the patterns of custom strings —
// share a work budget per update, past which the values that do not fit are refused with a
// cause of kind "limit". A deployment that raises Limits.MaxBytes or MaxKeys raises the cost
// of the linear checks in proportion (a 4 MiB limit allows about 12 ms of them, plus the
// budget); raising max_length alone does not raise the worst case, since the budget and the
// customattr caps on patterns bound it.
//
// # Verbs
//
// Normalize returns a value in canonical form or a cause (stdattr.Normalizer, the one entry
// point for standard claim values); Validate reports whether a value already built — a
// Profile, a Rule, a Birthdate, an image reference or parser — is valid; Check decides about
// something else under the receiver's rules (Languages.Check a tag, Policy.Check a change,
// Attribute.Check a custom value). Each returns error; a single broken rule is a
// *validation.Cause, several a *validation.Error, both reachable through errors.As.
package profile
