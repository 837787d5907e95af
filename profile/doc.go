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
// Schema.ApplyJSON (raw JSON, the fast path) and Schema.Apply (a decoded map) take the current
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
// It returns the next Profile and the list of Changes (for audit logs and events), or a
// *validation.Error: errors.Is(err, validation.ErrInvalid) for bad values,
// validation.ErrForbidden for access violations, validation.ErrUnowned for unowned values.
//
// # Read
//
// Schema.View gives what a party may see, with a per-attribute writable flag (what a settings
// page renders). Schema.UserInfo gives a bearer's claims by OIDC scope. ToStorage and
// FromStorage convert between representation form (custom attributes by name, public picture
// URLs) and storage form (by immutable ID, image references). Ingest and Populate bring in
// claims from an external identity provider leniently; Reconcile aligns identity-coupled claims
// with the user's identities; ApplyForm applies an HTML form post.
package profile
