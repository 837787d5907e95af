package access

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/validation"
)

// model is an independent statement of the policy semantics, computed from the config the
// generator produced, to check the policy's answers against.
type model struct {
	std    map[string]Rule
	custom map[string]Rule
}

// rule returns the configured rule of a standard or custom attribute.
func (m model) rule(attr string) (Rule, bool) {
	if isStandard(attr) {
		if r, ok := m.std[attr]; ok {
			return r, true
		}
		return DefaultRule(attr), true
	}
	r, ok := m.custom[attr]
	return r, ok
}

func (m model) canRead(party Party, attr string) bool {
	if party == AdminAPI {
		_, ok := m.rule(attr)
		return ok || isDerived(attr)
	}
	switch attr {
	case "email_verified":
		return m.canRead(party, "email")
	case "phone_number_verified":
		return m.canRead(party, "phone_number")
	case "updated_at":
		for _, n := range standardNames {
			if m.canRead(party, n) {
				return true
			}
		}
		for n := range m.custom {
			if m.canRead(party, n) {
				return true
			}
		}
		return false
	}
	r, ok := m.rule(attr)
	return ok && r.Level(party) >= ReadOnly && r.Level(party) <= ReadWrite
}

func (m model) allows(party Party, attr string, op Op) bool {
	r, ok := m.rule(attr)
	if !ok || isDerived(attr) {
		return false
	}
	if party == AdminAPI {
		return true
	}
	if party != EndUser && party != Portal { // the bearer and non-parties never write
		return false
	}
	if r.Level(party) != ReadWrite {
		return false
	}
	return op == OpAdd || (op.valid() && !r.WriteOnce)
}

var attrPool = []string{
	"name", "given_name", "family_name", "middle_name", "nickname", "preferred_username", "profile",
	"picture", "website", "email", "phone_number", "gender", "birthdate", "zoneinfo", "locale", "address",
	"email_verified", "phone_number_verified", "updated_at",
	"shoe_size", "department", "employee_id", "a", "b", "unknown", "",
}

func randRule(rng *rand.Rand, legalOnly bool) Rule {
	var r Rule
	if legalOnly || rng.IntN(4) > 0 {
		r = legalRules[rng.IntN(len(legalRules))]
	} else {
		r = Rule{EndUser: Level(rng.IntN(5)), Bearer: Level(rng.IntN(5)), Portal: Level(rng.IntN(5))}
	}
	r.WriteOnce = rng.IntN(3) == 0
	return r
}

// TestPolicyProperties builds random policies and checks random decisions against the model:
// no allowed write exceeds the party's level (and write-once, derived claims and unknown
// attributes are respected), and no read returns a hidden attribute.
func TestPolicyProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(20240611, 5))
	built, refused := 0, 0
	for iter := range 3000 {
		m := model{std: map[string]Rule{}, custom: map[string]Rule{}}
		legalOnly := iter%2 == 0
		sparse := rng.IntN(4) == 0 // every standard attribute set, mostly hidden: updated_at varies
		for _, n := range attrPool[:16] {
			switch {
			case sparse && rng.IntN(16) > 0:
				m.std[n] = legalRules[rng.IntN(3)] // hidden to the end user and the bearer
			case sparse || rng.IntN(2) == 0:
				m.std[n] = randRule(rng, legalOnly)
			}
		}
		for _, n := range []string{"shoe_size", "department", "employee_id", "a", "b"} {
			if rng.IntN(2) == 0 {
				m.custom[n] = randRule(rng, legalOnly)
			}
		}
		wantErr := false
		for _, r := range m.std {
			wantErr = wantErr || !r.legal()
		}
		for _, r := range m.custom {
			wantErr = wantErr || !r.legal()
		}
		if !legalOnly && rng.IntN(8) == 0 { // a misplaced name
			m.std["shoe_size"] = legalRules[0]
			wantErr = true
		}
		p, err := NewPolicy(Config{Standard: m.std, Custom: m.custom})
		if wantErr {
			refused++
			require.Error(t, err)
			require.Nil(t, p)
			var verr *validation.Error
			require.ErrorAs(t, err, &verr)
			for _, c := range verr.Causes {
				assert.NotEmpty(t, c.Location)
			}
			continue
		}
		built++
		require.NoError(t, err)
		for i := range p.len() {
			require.True(t, p.ruleAt(i).legal(), "policy holds an illegal rule at %s", p.nameAt(i))
		}
		for range 20 {
			party := Party(rng.IntN(6))
			// Reads. Plain comparisons here: this loop runs a million times.
			for _, attr := range attrPool {
				got := p.Level(party, attr).CanRead()
				if want := m.canRead(party, attr); got != want {
					t.Fatalf("CanRead(%s, %q) = %v, model says %v", party, attr, got, want)
				}
				if got && p.Level(party, attr) < ReadOnly {
					t.Fatalf("CanRead(%s, %q) with level %s", party, attr, p.Level(party, attr))
				}
			}
			// A random change set.
			changes := make([]change, rng.IntN(8))
			for i := range changes {
				changes[i] = change{Attr: attrPool[rng.IntN(len(attrPool))], Op: Op(rng.IntN(5))}
			}
			vs := p.check(party, changes)
			j := 0
			for _, ch := range changes {
				allowed := p.allows(party, ch.Attr, ch.Op)
				if want := m.allows(party, ch.Attr, ch.Op); allowed != want {
					t.Fatalf("Allows(%s, %q, %s) = %v, model says %v", party, ch.Attr, ch.Op, allowed, want)
				}
				if allowed {
					r, _ := m.rule(ch.Attr)
					if p.Level(party, ch.Attr) != ReadWrite || party == Bearer ||
						(party != AdminAPI && (r.Level(party) != ReadWrite || (ch.Op != OpAdd && r.WriteOnce))) {
						t.Fatalf("allowed write %s %q %s exceeds level %s (rule %s)", party, ch.Attr, ch.Op, p.Level(party, ch.Attr), r)
					}
					continue
				}
				if j >= len(vs) {
					t.Fatalf("refused change %s %q %s has no violation", party, ch.Attr, ch.Op)
				}
				v := vs[j]
				j++
				if v.Attr != ch.Attr || v.Op != ch.Op || v.Party != party || v.Level != p.Level(party, ch.Attr) {
					t.Fatalf("violation %+v does not match change %+v by %s", v, ch, party)
				}
			}
			if j != len(vs) {
				t.Fatalf("%d violations for %d refused changes", len(vs), j)
			}
		}
	}
	t.Logf("%d policies built, %d refused", built, refused)
	assert.Positive(t, built)
	assert.Positive(t, refused)
}
