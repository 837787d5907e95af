package access

import (
	"github.com/profilekit/profilekit/internal/claim"
)

// standardNames are the writable OIDC standard attributes, the subjects of standard rules, in
// the order of OIDC Core §5.1, from the claim table. Never mutated.
var standardNames = func() (n [claim.NumWritable]string) {
	for i := range n {
		n[i] = claim.Table[i+1].Name
	}
	return n
}()

// Derived claims: computed, never written, readable as their parent is (updated_at: by a party
// that can read any attribute).
const (
	nameEmailVerified = "email_verified"
	namePhoneVerified = "phone_number_verified"
	nameUpdatedAt     = "updated_at"
)

var derivedNames = [...]string{nameEmailVerified, namePhoneVerified, nameUpdatedAt}

func isStandard(name string) bool {
	i, ok := claim.Lookup(name)
	return ok && !claim.Table[i].Derived
}

func isDerived(name string) bool {
	i, ok := claim.Lookup(name)
	return ok && claim.Table[i].Derived
}

// derivedParent returns the attribute a derived claim follows ("" for updated_at and for
// names that are not derived).
func derivedParent(name string) string {
	if i, ok := claim.Lookup(name); ok && claim.Table[i].Parent != 0 {
		return claim.Table[claim.Table[i].Parent].Name
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
	i, ok := claim.Lookup(name)
	switch {
	case !ok:
		return ruleCustom
	case claim.Table[i].Derived:
		return capReadOnly(ruleEditable)
	case claim.Table[i].Editable:
		return ruleEditable
	}
	return ruleHidden
}

// capReadOnly lowers every readwrite member of r to readonly and drops WriteOnce: the rule of a
// derived claim. A legal rule stays legal.
func capReadOnly(r Rule) Rule {
	c := func(l Level) Level { return min(l, ReadOnly) }
	return Rule{EndUser: c(r.EndUser), Bearer: c(r.Bearer), Portal: c(r.Portal)}
}
