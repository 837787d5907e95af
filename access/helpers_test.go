package access

import "github.com/profilekit/profilekit/validation"

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
func asError(vs []Violation) error {
	var e validation.Error
	for _, v := range vs {
		e.Add(v.Cause())
	}
	return e.Err()
}

func (p *Policy) canWriteForTest(party Party, attr string) bool {
	return p.Level(party, attr).CanWrite()
}
