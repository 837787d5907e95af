package access

import "slices"

// standardNames are the writable OIDC standard attributes, the subjects of standard rules, in
// the order of OIDC Core §5.1. Never mutated.
var standardNames = [...]string{
	"name", "given_name", "family_name", "middle_name", "nickname", "preferred_username",
	"profile", "picture", "website", "email", "phone_number", "gender", "birthdate",
	"zoneinfo", "locale", "address",
}

// Derived claims: computed, never written, readable as their parent is (updated_at: by a party
// that can read any attribute).
const (
	nameEmailVerified = "email_verified"
	namePhoneVerified = "phone_number_verified"
	nameUpdatedAt     = "updated_at"
)

var derivedNames = [...]string{nameEmailVerified, namePhoneVerified, nameUpdatedAt}

// StandardNames returns the 16 writable OIDC standard attributes that standard rules may name,
// a fresh slice in OIDC order.
func StandardNames() []string { return slices.Clone(standardNames[:]) }

// DerivedNames returns the derived claims: "email_verified" (follows "email"),
// "phone_number_verified" (follows "phone_number") and "updated_at" (readable by a party that
// can read any attribute). They have no rules of their own and nobody writes them.
func DerivedNames() []string { return slices.Clone(derivedNames[:]) }

func isStandard(name string) bool { return slices.Contains(standardNames[:], name) }

func isDerived(name string) bool { return slices.Contains(derivedNames[:], name) }

// derivedParent returns the attribute a derived claim follows ("" for updated_at and for
// names that are not derived).
func derivedParent(name string) string {
	switch name {
	case nameEmailVerified:
		return "email"
	case namePhoneVerified:
		return "phone_number"
	}
	return ""
}

var (
	ruleEditable = Rule{EndUser: ReadWrite, Bearer: ReadOnly, Portal: ReadWrite}
	ruleHidden   = Rule{EndUser: Hidden, Bearer: Hidden, Portal: Hidden}
	ruleCustom   = Rule{EndUser: Hidden, Bearer: Hidden, Portal: ReadWrite}
)

// DefaultRule returns the rule an attribute has when the config does not give one:
//   - given_name, family_name, picture, gender, birthdate, zoneinfo, locale, email,
//     phone_number, preferred_username: readwrite/readonly/readwrite (end_user/bearer/portal_ui);
//   - name, middle_name, nickname, profile, website, address: hidden/hidden/hidden;
//   - email_verified, phone_number_verified: their parent's default capped at readonly
//     (readonly/readonly/readonly), and updated_at readonly/readonly/readonly, which is what
//     they effectively are under the default standard rules (nobody writes derived claims);
//   - any other name, that is a custom attribute without access_control: hidden/hidden/readwrite.
func DefaultRule(name string) Rule {
	switch name {
	case "given_name", "family_name", "picture", "gender", "birthdate", "zoneinfo", "locale",
		"email", "phone_number", "preferred_username":
		return ruleEditable
	case "name", "middle_name", "nickname", "profile", "website", "address":
		return ruleHidden
	case nameEmailVerified, namePhoneVerified, nameUpdatedAt:
		return capReadOnly(ruleEditable)
	}
	return ruleCustom
}

// capReadOnly lowers every readwrite member of r to readonly and drops WriteOnce: the rule of a
// derived claim. A legal rule stays legal.
func capReadOnly(r Rule) Rule {
	c := func(l Level) Level { return min(l, ReadOnly) }
	return Rule{EndUser: c(r.EndUser), Bearer: c(r.Bearer), Portal: c(r.Portal)}
}
