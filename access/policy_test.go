package access

import (
	"encoding/json"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/validation"
)

func mustPolicy(t testing.TB, c Config) *Policy {
	t.Helper()
	p, err := NewPolicy(c)
	require.NoError(t, err)
	return p
}

func TestDefaults(t *testing.T) {
	editable := []string{"given_name", "family_name", "picture", "gender", "birthdate", "zoneinfo",
		"locale", "email", "phone_number", "preferred_username"}
	hidden := []string{"name", "middle_name", "nickname", "profile", "website", "address"}
	assert.ElementsMatch(t, append(append([]string{}, editable...), hidden...), StandardNames())
	for _, n := range editable {
		assert.Equal(t, triple("WOW"), DefaultRule(n), n)
	}
	for _, n := range hidden {
		assert.Equal(t, triple("HHH"), DefaultRule(n), n)
	}
	for _, n := range []string{"shoe_size", "department", "x", ""} {
		assert.Equal(t, triple("HHW"), DefaultRule(n), n)
	}
	for _, n := range derivedNames[:] {
		assert.Equal(t, triple("OOO"), DefaultRule(n), n)
	}

	p := DefaultPolicy()
	assert.Equal(t, 19, p.len())
	for _, n := range editable {
		assert.Equal(t, ReadWrite, p.Level(EndUser, n), n)
		assert.Equal(t, ReadOnly, p.Level(Bearer, n), n)
		assert.Equal(t, ReadWrite, p.Level(Portal, n), n)
		assert.Equal(t, ReadWrite, p.Level(AdminAPI, n), n)
	}
	for _, n := range hidden {
		for _, party := range []Party{EndUser, Bearer, Portal} {
			assert.False(t, p.Level(party, n).CanRead(), "%s %s", party, n)
		}
		assert.True(t, p.Level(AdminAPI, n).CanWrite(), n)
	}
	for _, n := range derivedNames[:] {
		i, ok := p.lookup(n)
		require.True(t, ok, n)
		assert.Equal(t, DefaultRule(n), p.ruleAt(i), n)
	}
	// The default policy is what an empty config builds.
	assert.Equal(t, DefaultPolicy(), mustPolicy(t, Config{}))
}

func TestNewPolicyErrors(t *testing.T) {
	badRule := Rule{EndUser: Level(9), Bearer: ReadOnly, Portal: ReadWrite} // not a level (built in Go: decoding refuses it)
	tests := []struct {
		name    string
		c       Config
		loc     string
		kind    validation.Kind
		suggest any
	}{
		{"typo", Config{Standard: map[string]Rule{"given_nme": triple("WOW")}}, "/standard/given_nme", validation.KindUnknown, "given_name"},
		{"derived", Config{Standard: map[string]Rule{"email_verified": triple("WOW")}}, "/standard/email_verified", validation.KindUnknown, "email"},
		{"updated_at", Config{Standard: map[string]Rule{"updated_at": triple("OOO")}}, "/standard/updated_at", validation.KindUnknown, nil},
		{"custom name as standard", Config{Standard: map[string]Rule{"shoe_size": triple("WOW")}}, "/standard/shoe_size", validation.KindUnknown, nil},
		{"illegal standard", Config{Standard: map[string]Rule{"email": triple("WWW")}}, "/standard/email", validation.KindEnum, triple("WOW")},
		{"partial standard", Config{Standard: map[string]Rule{"email": {EndUser: ReadWrite}}}, "/standard/email", validation.KindEnum, triple("WOW")},
		{"illegal custom", Config{Custom: map[string]Rule{"shoe_size": triple("OHW")}}, "/custom/shoe_size", validation.KindEnum, triple("OOW")},
		{"zero custom", Config{Custom: map[string]Rule{"shoe_size": {}}}, "/custom/shoe_size", validation.KindEnum, triple("HHH")},
		{"empty custom name", Config{Custom: map[string]Rule{"": triple("HHW")}}, "/custom/", validation.KindMinLength, nil},
		{"reserved custom name", Config{Custom: map[string]Rule{"email": triple("HHW")}}, "/custom/email", validation.KindReserved, nil},
		{"reserved derived name", Config{Custom: map[string]Rule{"updated_at": triple("HHW")}}, "/custom/updated_at", validation.KindReserved, nil},
		{"not a level", Config{Custom: map[string]Rule{"a/b": badRule}}, "/custom/a~1b", validation.KindEnum, triple("HOW")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := NewPolicy(tt.c)
			assert.Nil(t, p)
			var verr *validation.Error
			require.ErrorAs(t, err, &verr)
			require.Len(t, verr.Causes, 1, err.Error())
			c := verr.Causes[0]
			assert.Equal(t, tt.loc, c.Location)
			assert.Equal(t, tt.kind, c.Kind)
			assert.Equal(t, tt.suggest, c.Details.Suggest)
			assert.NotEmpty(t, c.Details.Message)
		})
	}
	// Every problem at once, sorted by location; the decoded rule is not altered.
	_, err := NewPolicy(Config{
		Standard: map[string]Rule{"nickname": triple("OHH"), "emial": triple("WOW"), "name": triple("WOW")},
		Custom:   map[string]Rule{"z": triple("WWW"), "a": triple("HHW"), "email": triple("HHW")},
	})
	var verr *validation.Error
	require.ErrorAs(t, err, &verr)
	var locs []string
	for _, c := range verr.Causes {
		locs = append(locs, c.Location)
	}
	assert.Equal(t, []string{"/custom/email", "/custom/z", "/standard/emial", "/standard/nickname"}, locs)
	assert.Equal(t, "email", verr.Causes[2].Details.Suggest) // at /standard/emial
	assert.Equal(t, validation.KindEnum, badRule.Validate().(*validation.Error).Causes[0].Kind)
	assert.Contains(t, badRule.Validate().(*validation.Error).Causes[0].Details.Message, "end_user is not a level")
}

func TestDerivedClaimsFollowParent(t *testing.T) {
	for _, parent := range []string{"email", "phone_number"} {
		derived := parent + "_verified"
		for _, r := range LegalRules() {
			r.WriteOnce = true
			p := mustPolicy(t, Config{Standard: map[string]Rule{parent: r}})
			i, ok := p.lookup(derived)
			require.True(t, ok)
			assert.Equal(t, classDerived, p.classAt(i))
			for _, party := range []Party{EndUser, Bearer, Portal} {
				assert.Equal(t, p.Level(party, parent).CanRead(), p.Level(party, derived).CanRead(), "%s %s %s", r, party, derived)
				assert.Equal(t, min(r.Level(party), ReadOnly), p.Level(party, derived))
			}
			assert.True(t, p.Level(AdminAPI, derived).CanRead())
			for _, party := range Parties() {
				assert.False(t, p.Level(party, derived).CanWrite(), "nobody writes %s", derived)
				for _, op := range []Op{OpAdd, OpChange, OpRemove} {
					assert.False(t, p.allows(party, derived, op))
				}
			}
			assert.False(t, p.writeOnce(derived))
			assert.True(t, p.ruleAt(i).legal())
		}
	}
	// The reference leak: email hidden from the bearer must hide email_verified too.
	p := mustPolicy(t, Config{Standard: map[string]Rule{"email": triple("HHW")}})
	assert.False(t, p.Level(Bearer, "email_verified").CanRead())
	assert.False(t, p.Level(EndUser, "email_verified").CanRead())
	assert.True(t, p.Level(Portal, "email_verified").CanRead())
}

func allStandard(r Rule) map[string]Rule {
	m := map[string]Rule{}
	for _, n := range StandardNames() {
		m[n] = r
	}
	return m
}

func TestUpdatedAt(t *testing.T) {
	tests := []struct {
		name     string
		c        Config
		eu, b, p bool
	}{
		{"nothing visible", Config{Standard: allStandard(triple("HHH"))}, false, false, false},
		{"portal only via custom", Config{Standard: allStandard(triple("HHH")), Custom: map[string]Rule{"c": triple("HHW")}}, false, false, true},
		{"bearer via custom", Config{Standard: allStandard(triple("HHH")), Custom: map[string]Rule{"c": triple("HOO")}}, false, true, true},
		{"everyone via one standard", Config{Standard: func() map[string]Rule {
			m := allStandard(triple("HHH"))
			m["locale"] = triple("OOO")
			return m
		}()}, true, true, true},
		{"defaults", Config{}, true, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustPolicy(t, tt.c)
			assert.Equal(t, tt.eu, p.Level(EndUser, "updated_at").CanRead())
			assert.Equal(t, tt.b, p.Level(Bearer, "updated_at").CanRead())
			assert.Equal(t, tt.p, p.Level(Portal, "updated_at").CanRead())
			assert.True(t, p.Level(AdminAPI, "updated_at").CanRead())
			for _, party := range Parties() {
				assert.False(t, p.Level(party, "updated_at").CanWrite())
			}
			i, _ := p.lookup("updated_at")
			assert.True(t, p.ruleAt(i).legal())
		})
	}
}

// TestDecisions goes through every party, every legal rule with and without write-once, and
// every operation, against the expected decision stated directly.
func TestDecisions(t *testing.T) {
	for _, r := range LegalRules() {
		for _, once := range []bool{false, true} {
			r.WriteOnce = once
			p := mustPolicy(t, Config{Custom: map[string]Rule{"c": r}, Standard: map[string]Rule{"gender": r}})
			for _, attr := range []string{"c", "gender"} {
				i, ok := p.lookup(attr)
				require.True(t, ok)
				assert.Equal(t, once, p.writeOnce(attr))
				for _, party := range append(Parties(), 0, 9) {
					var lvl Level
					switch party {
					case EndUser:
						lvl = r.EndUser
					case Bearer:
						lvl = r.Bearer
					case Portal:
						lvl = r.Portal
					case AdminAPI:
						lvl = ReadWrite
					default:
						lvl = Hidden
					}
					assert.Equal(t, lvl, p.Level(party, attr))
					assert.Equal(t, lvl, p.levelAt(party, i))
					assert.Equal(t, lvl >= ReadOnly, p.Level(party, attr).CanRead())
					assert.Equal(t, lvl == ReadWrite, p.Level(party, attr).CanWrite())
					for _, op := range []Op{OpAdd, OpChange, OpRemove, 0, 7} {
						want := lvl == ReadWrite
						switch op {
						case OpChange, OpRemove:
							want = want && (!once || party == AdminAPI)
						case 0, 7:
							want = party == AdminAPI
						}
						assert.Equal(t, want, p.allows(party, attr, op), "%s %s %s %s", r, party, attr, op)
						assert.Equal(t, want, p.allowsAt(party, i, op))
						vs := p.check(party, []change{{Attr: attr, Op: op}})
						if want {
							assert.Empty(t, vs)
							continue
						}
						require.Len(t, vs, 1)
						v := vs[0]
						assert.Equal(t, violation{Attr: attr, Party: party, Level: lvl, Op: op, class: p.classAt(i),
							WriteOnce: once && lvl == ReadWrite && (op == OpChange || op == OpRemove)}, v)
						c := v.cause()
						assert.Equal(t, validation.KindForbidden, c.Kind)
						assert.Equal(t, "/"+attr, c.Location)
						assert.Equal(t, party.String(), c.Details.Party)
						assert.Equal(t, lvl.String(), c.Details.Level)
						assert.Equal(t, op.String(), c.Details.Operation)
						assert.ErrorIs(t, c, validation.ErrForbidden)
					}
				}
			}
		}
	}
	// The bearer never writes, whatever the policy.
	p := DefaultPolicy()
	for i := range p.len() {
		assert.NotEqual(t, ReadWrite, p.levelAt(Bearer, i), p.nameAt(i))
	}
}

func TestUnknownAttribute(t *testing.T) {
	p := mustPolicy(t, Config{Custom: map[string]Rule{"shoe_size": triple("WOW")}})
	for _, party := range Parties() {
		assert.Equal(t, Hidden, p.Level(party, "hat_size"))
		assert.False(t, p.Level(party, "hat_size").CanRead())
		assert.False(t, p.Level(party, "hat_size").CanWrite())
		assert.False(t, p.allows(party, "hat_size", OpAdd))
		vs := p.check(party, []change{{Attr: "hat_size", Op: OpAdd}})
		require.Len(t, vs, 1)
		assert.Equal(t, class(0), vs[0].class)
		c := vs[0].cause()
		assert.Equal(t, validation.KindUnknown, c.Kind)
		assert.Equal(t, "/hat_size", c.Location)
		assert.Equal(t, "hat_size", c.Details.Actual)
	}
	_, ok := p.lookup("hat_size")
	assert.False(t, ok)
	assert.False(t, p.writeOnce("hat_size"))
}

func TestNilPolicyAndOutOfRange(t *testing.T) {
	var p *Policy
	assert.Equal(t, 0, p.len())
	assert.False(t, p.Level(AdminAPI, "email").CanRead())
	assert.False(t, p.allows(AdminAPI, "email", OpAdd))
	assert.Len(t, p.check(EndUser, []change{{Attr: "email", Op: OpAdd}}), 1)
	assert.Equal(t, Config{Standard: map[string]Rule{}, Custom: map[string]Rule{}}, p.config())
	assert.Equal(t, "", p.nameAt(0))
	q := DefaultPolicy()
	for _, i := range []int{-1, q.len(), 1 << 40} {
		assert.Equal(t, "", q.nameAt(i))
		assert.Equal(t, class(0), q.classAt(i))
		assert.Equal(t, Rule{}, q.ruleAt(i))
		assert.Equal(t, Hidden, q.levelAt(AdminAPI, i))
		assert.False(t, q.allowsAt(AdminAPI, i, OpAdd))
	}
}

func TestIndexOrder(t *testing.T) {
	p := mustPolicy(t, Config{Custom: map[string]Rule{"zeta": triple("HHW"), "alpha": triple("HOW")}})
	var names []string
	var classes []class
	for i := range p.len() {
		names = append(names, p.nameAt(i))
		classes = append(classes, p.classAt(i))
		j, ok := p.lookup(p.nameAt(i))
		require.True(t, ok)
		assert.Equal(t, i, j)
	}
	want := append(StandardNames(), "email_verified", "phone_number_verified", "updated_at", "alpha", "zeta")
	assert.Equal(t, want, names)
	for i, c := range classes {
		switch {
		case i < 16:
			assert.Equal(t, classStandard, c)
		case i < 19:
			assert.Equal(t, classDerived, c)
		default:
			assert.Equal(t, classCustom, c)
		}
	}
	assert.Equal(t, "standard", classStandard.String())
	assert.Equal(t, "derived", classDerived.String())
	assert.Equal(t, "custom", classCustom.String())
	assert.Equal(t, "unknown", class(0).String())
}

func TestConfigRoundTrip(t *testing.T) {
	c := Config{
		Standard: map[string]Rule{"name": triple("OOW"), "email": {EndUser: ReadWrite, Bearer: ReadOnly, Portal: ReadWrite, WriteOnce: true}},
		Custom:   map[string]Rule{"a": triple("HOO"), "b": triple("HHH")},
	}
	p := mustPolicy(t, c)
	back := p.config()
	assert.Len(t, back.Standard, 16)
	assert.Equal(t, c.Custom, back.Custom)
	assert.Equal(t, c.Standard["email"], back.Standard["email"])
	assert.Equal(t, DefaultRule("website"), back.Standard["website"])
	assert.Equal(t, p, mustPolicy(t, back))
	// The Config's JSON form is what error locations point into.
	raw, err := json.Marshal(Config{Custom: map[string]Rule{"a": triple("HOO")}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"custom":{"a":{"end_user":"hidden","bearer":"readonly","portal_ui":"readonly"}}}`, string(raw))
}

func TestCheckOrderAndAppend(t *testing.T) {
	p := mustPolicy(t, Config{Custom: map[string]Rule{
		"employee_id": {EndUser: ReadWrite, Bearer: ReadOnly, Portal: ReadWrite, WriteOnce: true},
	}})
	changes := []change{
		{Attr: "nickname", Op: OpAdd},
		{Attr: "given_name", Op: OpChange},
		{Attr: "employee_id", Op: OpAdd},
		{Attr: "employee_id", Op: OpChange},
		{Attr: "email_verified", Op: OpChange},
		{Attr: "unknown", Op: OpRemove},
	}
	vs := p.check(EndUser, changes)
	require.Len(t, vs, 4)
	assert.Equal(t, []string{"nickname", "employee_id", "email_verified", "unknown"},
		[]string{vs[0].Attr, vs[1].Attr, vs[2].Attr, vs[3].Attr})
	assert.True(t, vs[1].WriteOnce)
	assert.Contains(t, vs[1].cause().Details.Message, "write-once")
	assert.Equal(t, classDerived, vs[2].class)
	assert.Contains(t, vs[2].cause().Details.Message, "derived")
	assert.Empty(t, p.check(AdminAPI, changes[:4]), "the Admin API may do anything but write derived claims and unknown attributes")
	assert.Len(t, p.check(AdminAPI, changes), 2)
	assert.Nil(t, p.check(EndUser, nil))

	err := asError(vs)
	var verr *validation.Error
	require.ErrorAs(t, err, &verr)
	assert.ErrorIs(t, err, validation.ErrForbidden)
	assert.ErrorIs(t, err, validation.ErrInvalid) // the unknown attribute
	assert.Equal(t, "/email_verified", verr.Causes[0].Location)
	assert.NoError(t, asError(nil))

	dst := make([]violation, 0, 8)
	allocs := testing.AllocsPerRun(100, func() {
		dst = p.appendViolations(dst[:0], EndUser, changes)
	})
	assert.Zero(t, allocs)
	assert.Equal(t, vs, dst)
}

func TestViolationCauseJSON(t *testing.T) {
	v := violation{Attr: "email", Party: EndUser, Level: ReadOnly, Op: OpChange, class: classStandard}
	raw, err := json.Marshal(v.cause())
	require.NoError(t, err)
	assert.JSONEq(t, `{"location":"/email","kind":"forbidden","details":{"party":"end_user","level":"readonly","operation":"change","error":"end_user may not change email: its level is readonly"}}`, string(raw))
	c := violation{Attr: "x", Party: EndUser, Level: ReadWrite, Op: Op(0), class: classCustom}.cause()
	assert.Equal(t, "end_user may not apply Op(0) to x: its level is readwrite", c.Details.Message)
}

func TestPolicyConcurrentUse(t *testing.T) {
	p := mustPolicy(t, Config{Custom: map[string]Rule{"c": triple("WOW")}})
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			party := Parties()[g%4]
			for range 1000 {
				_ = p.Level(party, "email").CanRead()
				_ = p.check(party, []change{{Attr: "c", Op: OpChange}, {Attr: "name", Op: OpAdd}})
				_ = p.Level(party, "updated_at")
			}
		})
	}
	wg.Wait()
	assert.True(t, p.Level(EndUser, "c").CanWrite())
}

func TestIndexManyCustom(t *testing.T) {
	custom := map[string]Rule{}
	for i := range 300 {
		custom["attr_"+string(rune('a'+i%26))+string(rune('a'+i/26))] = triple("HHW")
	}
	p := mustPolicy(t, Config{Custom: custom})
	assert.Equal(t, 19+len(custom), p.len())
	for i := range p.len() {
		j, ok := p.lookup(p.nameAt(i))
		require.True(t, ok, p.nameAt(i))
		assert.Equal(t, i, j)
		assert.Equal(t, p.nameAt(i) != "updated_at" && p.classAt(i) != classDerived && p.ruleAt(i).Portal == ReadWrite, p.canWriteForTest(Portal, p.nameAt(i)))
	}
	for _, miss := range []string{"", "attr_zz", "EMAIL", "email "} {
		_, ok := p.lookup(miss)
		assert.False(t, ok, miss)
	}
}

// Check allocates only the cause of a refusal.
func TestCheckAllowedDoesNotAllocate(t *testing.T) {
	p := DefaultPolicy()
	if testing.AllocsPerRun(100, func() { _ = p.Check(EndUser, "given_name", OpChange) }) != 0 {
		t.Error("an allowed change allocates")
	}
	assert.NoError(t, p.Check(EndUser, "given_name", OpChange))
	assert.Error(t, p.Check(Bearer, "given_name", OpChange))
}
