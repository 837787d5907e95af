package access

import (
	"slices"

	"github.com/profilekit/profilekit/validation"
)

// Test helpers over the policy's internals.

// config returns a Config that builds an equal policy: every standard attribute with its rule
// (defaults included) and every custom attribute with its rule.
func (p *Policy) config() Config {
	c := Config{Standard: map[string]Rule{}, Custom: map[string]Rule{}}
	if p == nil {
		return c
	}
	for _, e := range p.entries {
		switch e.class {
		case classStandard:
			c.Standard[e.name] = e.rule
		case classCustom:
			c.Custom[e.name] = e.rule
		}
	}
	return c
}

// writeOnce reports whether attr's rule is write-once.
func (p *Policy) writeOnce(attr string) bool {
	i, ok := p.lookup(attr)
	return ok && p.entries[i].writeOnce
}

// asError turns violations into a *validation.Error holding their causes.
func asError(vs []violation) error {
	var e validation.Error
	for _, v := range vs {
		e.Add(v.cause())
	}
	return e.Err()
}

func (p *Policy) canWriteForTest(party Party, attr string) bool {
	return p.Level(party, attr).CanWrite()
}

// Test-only handles on the package's lists (exported before issue 11).

// Parties lists the four parties in order.
func Parties() []Party { return []Party{EndUser, Bearer, Portal, AdminAPI} }

// StandardNames lists the 16 writable standard claims in OIDC Core §5.1 order.
func StandardNames() []string { return slices.Clone(standardNames[:]) }

// DefaultPolicy is the policy of an empty Config.
func DefaultPolicy() *Policy { return build(nil, nil) }

// LegalRules lists the legal rules.
func LegalRules() []Rule { return slices.Clone(legalRules[:]) }
