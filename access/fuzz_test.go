package access

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/profilekit/profilekit/validation"
)

// FuzzDecodeConfig decodes arbitrary JSON as a StandardConfig, checks it, and builds a policy:
// it never panics; a failed check is a *validation.Error whose causes all sit under
// /access_control and marshal to JSON; a config that passes builds a policy holding only legal
// rules, and re-encoding the config gives the same rules.
func FuzzDecodeConfig(f *testing.F) {
	f.Add([]byte(benchStandard))
	f.Add([]byte(`{"access_control":[]}`))
	f.Add([]byte(`{"access_control":[{"pointer":"/email","access_control":{"end_user":"readwrite","bearer":"readonly","portal_ui":"readwrite","write_once":true}}]}`))
	f.Add([]byte(`{"access_control":[{"pointer":"/address/country","access_control":{"end_user":"readwrite"}}]}`))
	f.Add([]byte(`{"access_control":[{"pointer":"/email"},{"pointer":"/email","access_control":{}},null,"x",{"pointer":5}]}`))
	f.Add([]byte(`{"access_control":[{"pointer":"/a~1b","access_control":{"end_user":"read-only","bearer":[],"portal_ui":null,"x":1}}]}`))
	f.Add([]byte(`{"access_control":{"pointer":"/email"}}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var sc StandardConfig
		if err := json.Unmarshal(data, &sc); err != nil {
			return // not JSON, or access_control is not an array: encoding/json's own error
		}
		rules, err := sc.Rules()
		if err != nil {
			verr, ok := err.(*validation.Error)
			if !ok || len(verr.Causes) == 0 {
				t.Fatalf("Rules error %T %v is not a *validation.Error with causes", err, err)
			}
			for _, c := range verr.Causes {
				if !strings.HasPrefix(c.Location, "/access_control/") {
					t.Fatalf("cause outside /access_control: %v", c)
				}
				if _, err := json.Marshal(c); err != nil {
					t.Fatalf("cause does not marshal: %v", err)
				}
			}
			return
		}
		p, err := NewPolicy(Config{Standard: rules})
		if err != nil {
			t.Fatalf("rules that passed Rules do not build: %v", err)
		}
		for i := range p.len() {
			if !p.ruleAt(i).legal() {
				t.Fatalf("policy holds an illegal rule %s at %s", p.ruleAt(i), p.nameAt(i))
			}
			if p.levelAt(Bearer, i) == ReadWrite {
				t.Fatalf("bearer can write %s", p.nameAt(i))
			}
		}
		for name, r := range rules {
			if !isStandard(name) || p.ruleAt(mustIndex(t, p, name)) != r {
				t.Fatalf("rule for %q lost: %s", name, r)
			}
		}
		raw, err := json.Marshal(sc)
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		var again StandardConfig
		if err := json.Unmarshal(raw, &again); err != nil {
			t.Fatalf("re-decode %s: %v", raw, err)
		}
		rules2, err := again.Rules()
		if err != nil || len(rules2) != len(rules) {
			t.Fatalf("round trip %s: %v", raw, err)
		}
		for k, v := range rules {
			if rules2[k] != v {
				t.Fatalf("round trip changed %s: %s -> %s", k, v, rules2[k])
			}
		}
	})
}

func mustIndex(t *testing.T, p *Policy, name string) int {
	i, ok := p.lookup(name)
	if !ok {
		t.Fatalf("no index for %q", name)
	}
	return i
}

// FuzzRule decodes arbitrary JSON as a Rule: a rule that validates is legal and round-trips;
// Nearest is always legal and keeps the end user's level when it is a level.
func FuzzRule(f *testing.F) {
	f.Add([]byte(`{"end_user":"readwrite","bearer":"readonly","portal_ui":"readwrite"}`))
	f.Add([]byte(`{"end_user":"readwrite","bearer":"hidden","portal_ui":"readonly","write_once":true}`))
	f.Add([]byte(`{"bearer":"readwrite"}`))
	f.Add([]byte(`{"end_user":"x","bearer":1,"portal_ui":null,"y":{}}`))
	f.Add([]byte(`"readonly"`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var r Rule
		if err := json.Unmarshal(data, &r); err != nil {
			var verr *validation.Error
			if json.Valid(data) && !errors.As(err, &verr) {
				t.Fatalf("Rule decoding of well-formed JSON %q failed without located causes: %v", data, err)
			}
			return
		}
		n := r.nearest()
		if !n.legal() {
			t.Fatalf("Nearest(%s) = %s is illegal", r, n)
		}
		if r.EndUser.valid() && n.EndUser != r.EndUser {
			t.Fatalf("Nearest(%s) = %s changed the end user", r, n)
		}
		if err := r.Validate(); err != nil {
			if _, ok := err.(*validation.Error); !ok {
				t.Fatalf("Validate returned %T", err)
			}
			return
		}
		if !r.legal() || n != r {
			t.Fatalf("a valid rule %s is illegal or not its own nearest", r)
		}
		raw, _ := json.Marshal(r)
		var back Rule
		if err := json.Unmarshal(raw, &back); err != nil || back != r {
			t.Fatalf("round trip %s -> %s -> %s (%v)", data, raw, back, err)
		}
	})
}
