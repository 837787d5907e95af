package profile_test

import (
	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/profile"
	"github.com/profilekit/profilekit/stdattr"
)

// The lists the tests range over, built from the public vocabulary.

// allParties lists the four parties in order.
func allParties() []access.Party {
	var out []access.Party
	for p := access.EndUser; p <= access.AdminAPI; p++ {
		out = append(out, p)
	}
	return out
}

// legalRules lists the 8 legal rules (without write-once) in increasing order.
func legalRules() []access.Rule {
	var out []access.Rule
	for e := access.Hidden; e <= access.ReadWrite; e++ {
		for b := access.Hidden; b <= access.ReadWrite; b++ {
			for p := access.Hidden; p <= access.ReadWrite; p++ {
				if r := (access.Rule{EndUser: e, Bearer: b, Portal: p}); r.Validate() == nil {
					out = append(out, r)
				}
			}
		}
	}
	return out
}

// standardNames lists the 16 writable standard claims in OIDC Core §5.1 order.
func standardNames() []string {
	var out []string
	for a := stdattr.AttrName; a <= stdattr.AttrAddress; a++ {
		out = append(out, a.String())
	}
	return out
}

// mustCompile is profile.Compile for configs known to be valid; it panics on error.
func mustCompile(c profile.Config) *profile.Schema {
	s, err := profile.Compile(c)
	if err != nil {
		panic(err)
	}
	return s
}
