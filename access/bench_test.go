package access

import (
	"encoding/json"
	"testing"
)

// benchPolicy is the reference benchmark's policy: three standard overrides and five custom
// attributes (shared/reference/bench-update.json).
func benchPolicy(b *testing.B) *Policy {
	b.Helper()
	p, err := NewPolicy(Config{
		Standard: map[string]Rule{"name": ruleEditable, "website": ruleEditable, "address": ruleEditable},
		Custom: map[string]Rule{
			"employee_id":  {EndUser: ReadOnly, Bearer: ReadOnly, Portal: ReadWrite},
			"shoe_size":    ruleEditable,
			"tickets":      ruleEditable,
			"department":   ruleEditable,
			"home_country": ruleEditable,
		},
	})
	if err != nil {
		b.Fatal(err)
	}
	return p
}

var sinkBool bool
var sinkLevel Level

func BenchmarkCanRead(b *testing.B) {
	p := benchPolicy(b)
	b.ReportAllocs()
	for b.Loop() {
		sinkBool = p.Level(Bearer, "phone_number").CanRead()
	}
}

func BenchmarkCanReadCustom(b *testing.B) {
	p := benchPolicy(b)
	b.ReportAllocs()
	for b.Loop() {
		sinkBool = p.Level(EndUser, "home_country").CanRead()
	}
}

func BenchmarkAllowsByName(b *testing.B) {
	p := benchPolicy(b)
	b.ReportAllocs()
	for b.Loop() {
		sinkBool = p.allows(EndUser, "employee_id", OpChange)
	}
}

func BenchmarkLevelAt(b *testing.B) {
	p := benchPolicy(b)
	i, _ := p.lookup("birthdate")
	b.ReportAllocs()
	for b.Loop() {
		sinkLevel = p.levelAt(EndUser, i)
	}
}

func BenchmarkAllowsAt(b *testing.B) {
	p := benchPolicy(b)
	i, _ := p.lookup("shoe_size")
	b.ReportAllocs()
	for b.Loop() {
		sinkBool = p.allowsAt(EndUser, i, OpChange)
	}
}

// BenchmarkCheckUpdate checks the reference update's 12 changed attributes (one read-only
// change included) as the end user, reusing the violation slice.
func BenchmarkCheckUpdate(b *testing.B) {
	p := benchPolicy(b)
	changes := []change{
		{"given_name", OpChange}, {"family_name", OpChange}, {"name", OpAdd}, {"website", OpAdd},
		{"birthdate", OpChange}, {"zoneinfo", OpChange}, {"locale", OpChange}, {"address", OpAdd},
		{"shoe_size", OpChange}, {"tickets", OpAdd}, {"department", OpChange}, {"employee_id", OpChange},
	}
	dst := make([]violation, 0, len(changes))
	b.ReportAllocs()
	for b.Loop() {
		dst = p.appendViolations(dst[:0], EndUser, changes)
	}
	if len(dst) != 1 {
		b.Fatalf("want 1 violation, got %v", dst)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(changes)), "ns/change")
}

func BenchmarkNewPolicy(b *testing.B) {
	c := benchPolicy(b).config()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewPolicy(c); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeStandardConfig(b *testing.B) {
	data := []byte(benchStandard)
	b.ReportAllocs()
	for b.Loop() {
		var sc StandardConfig
		if err := json.Unmarshal(data, &sc); err != nil {
			b.Fatal(err)
		}
		if _, err := sc.Rules(); err != nil {
			b.Fatal(err)
		}
	}
}
