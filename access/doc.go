// Package access decides who may see and who may change each profile attribute.
//
// Attributes are names ("email", "shoe_size"); this package knows which names are OIDC standard
// attributes, but nothing of their values.
//
// # Parties and levels
//
// Four parties touch a profile: the end user on a settings page ([EndUser], config key
// "end_user"), a session or token holder reading UserInfo ([Bearer], "bearer"), an administrator
// in the console ([Portal], "portal_ui"), and server-to-server administration ([AdminAPI]),
// which always has full access and is not configurable. Levels are ordered:
// [Hidden] < [ReadOnly] < [ReadWrite]; the zero [Level] is [Unset], a member nobody gave.
//
// # Rules
//
// A [Rule] gives a level to the end user, the bearer and the portal, in the authgear.yaml shape
// {"end_user": "readwrite", "bearer": "readonly", "portal_ui": "readwrite"}. Only 8 combinations
// are legal (listed at [Rule]): the bearer never writes, neither the end user nor the bearer has
// more than the portal, and an end user who can see implies a bearer who can read. Any other
// rule, a partial one included, is a config error of kind enum ([Rule.Validate]) that suggests the nearest legal rule:
// the end user's level kept, the bearer readonly when the end user can see, the portal raised
// to at least both (a member not given counts as hidden).
//
// Beyond the reference shape, a rule may be write-once ("write_once": true): a party with
// ReadWrite may add the value while it is absent but not change or remove it later; the Admin
// API still can.
//
// # Policies
//
// A [Policy] maps every attribute to its rule and answers questions in a few nanoseconds
// without allocating: [Policy.Level] (then [Level.CanRead], [Level.CanWrite]) and
// [Policy.Check] (which allocates only the cause of a refusal); [Policy.Rule] resolves a rule
// once, and [Rule.Level] and [Rule.Allows] decide from it in hot loops. Build it with
// [NewPolicy] from a [Config] (standard and custom rules in separate maps, so that a misspelt
// standard name is an error, not a new custom attribute), or decode the authgear.yaml shape
// into a [StandardConfig] and take its [StandardConfig.Rules]. Standard attributes not
// configured get their [DefaultRule]; custom attributes configured without access_control
// should be given DefaultRule(name), hidden/hidden/readwrite.
//
// Derived claims are never written by anyone, the Admin API included; they are readable as
// their parent is (email_verified with email, phone_number_verified with phone_number), and
// updated_at by a party that can read any attribute. This closes the reference server's leak,
// where email_verified revealed a hidden email.
//
// # Checking an update
//
// The caller compares the stored profile with the proposed one and passes only what changes,
// each classified as [OpAdd], [OpChange] or [OpRemove]; an unchanged value is never a
// violation, so a party may send back values it can see but not change. [Policy.Check]
// returns nil or the refusal as a *validation.Cause of kind forbidden, naming the party, its
// level and the operation.
//
//	p, err := access.NewPolicy(access.Config{Custom: map[string]access.Rule{
//		"employee_id": {EndUser: access.ReadOnly, Bearer: access.ReadOnly, Portal: access.ReadWrite},
//	}})
//	fmt.Println(p.Check(access.EndUser, "employee_id", access.OpChange))
//	// /employee_id: forbidden: end_user may not change employee_id: its level is readonly
//
// # Config decoding
//
// Rule and Entry decode with encoding/json and never fail on well-formed JSON: what they cannot
// decode (a level "read-only", a missing pointer, an unknown member) is kept and reported by
// [Rule.Validate], [StandardConfig.Rules] or [NewPolicy] together with every other problem, each
// at its JSON pointer ("/access_control/2/access_control/bearer"). A policy that builds holds
// only legal rules.
package access
