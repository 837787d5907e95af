package profile_test

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/profile"
)

func BenchmarkApplyJSON(b *testing.B) {
	ref, s, cur := loadReference(b)
	up := profile.Update{Party: access.EndUser, Mode: profile.MergePatch, Identities: ref.Identities}
	b.Run("valid", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := s.ApplyJSON(&cur, ref.Update, up); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("invalid", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := s.ApplyJSON(&cur, ref.UpdateInvalid, up); err == nil {
				b.Fatal("want error")
			}
		}
	})
}

func BenchmarkApplyMap(b *testing.B) {
	ref, s, cur := loadReference(b)
	up := profile.Update{Party: access.EndUser, Mode: profile.MergePatch, Identities: ref.Identities}
	var m map[string]any
	if err := json.Unmarshal(ref.Update, &m); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := s.Apply(&cur, m, up); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompile measures compiling a decoded Config into a Schema.
func BenchmarkCompile(b *testing.B) {
	ref, _, _ := loadReference(b)
	cfg, err := profile.ParseConfig(ref.Config.UserProfile)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := profile.Compile(cfg); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseConfig measures decoding the config JSON (one jsonscan pass on well-formed input).
func BenchmarkParseConfig(b *testing.B) {
	ref, _, _ := loadReference(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := profile.ParseConfig(ref.Config.UserProfile); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkView(b *testing.B) {
	_, s, cur := loadReference(b)
	b.ReportAllocs()
	for b.Loop() {
		_ = s.View(&cur, access.EndUser)
	}
}

// manyCustom builds a schema of n custom string attributes (readwrite for the end user) and
// a merge patch that sets every one of them.
func manyCustom(b testing.TB, n int) (*profile.Schema, []byte) {
	b.Helper()
	var cfg, upd strings.Builder
	cfg.WriteString(`{"limits":{"max_keys":20000,"max_bytes":4194304},"custom_attributes":{"attributes":[`)
	upd.WriteString(`{"custom_attributes":{`)
	for i := range n {
		if i > 0 {
			cfg.WriteByte(',')
			upd.WriteByte(',')
		}
		fmt.Fprintf(&cfg, `{"id":"%d","pointer":"/a%d","type":"string","access_control":{"end_user":"readwrite","bearer":"readonly","portal_ui":"readwrite"}}`, i, i)
		fmt.Fprintf(&upd, `"a%d":"value %d"`, i, i)
	}
	cfg.WriteString(`]}}`)
	upd.WriteString(`}}`)
	c, err := profile.ParseConfig([]byte(cfg.String()))
	if err != nil {
		b.Fatal(err)
	}
	s, err := profile.Compile(c)
	if err != nil {
		b.Fatal(err)
	}
	return s, []byte(upd.String())
}

// BenchmarkManyCustom sets n custom attributes in one merge patch. The cost per attribute
// (ns/op divided by n, reported as ns/attr) must stay flat as n grows: the merge is linear.
func BenchmarkManyCustom(b *testing.B) {
	for _, n := range []int{5, 50, 800, 3200} {
		s, upd := manyCustom(b, n)
		up := profile.Update{Party: access.EndUser, Mode: profile.MergePatch}
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			var cur profile.Profile
			for b.Loop() {
				if _, _, err := s.ApplyJSON(&cur, upd, up); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/attr")
		})
	}
}

// BenchmarkVariants measures a merge patch of two language-tagged claims (OIDC Core §5.2).
func BenchmarkVariants(b *testing.B) {
	ref, s, cur := loadReference(b)
	up := profile.Update{Party: access.EndUser, Mode: profile.MergePatch, Identities: ref.Identities}
	data := []byte(`{"family_name#ja-kana-jp":"ヤマダ","given_name#ja-Hani-JP":"太郎"}`)
	if _, _, err := s.ApplyJSON(&cur, data, up); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := s.ApplyJSON(&cur, data, up); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMultiple measures a merge patch setting a 50-element multi-valued integer
// attribute with unique elements, and one of 50 phone numbers.
func BenchmarkMultiple(b *testing.B) {
	s := multiSchema(b)
	var cur profile.Profile
	up := profile.Update{Party: access.EndUser, Mode: profile.MergePatch}
	nums := make([]string, 50)
	phones := make([]string, 50)
	for i := range nums {
		nums[i] = strconv.Itoa(i + 10)
		phones[i] = fmt.Sprintf(`"+44 20 7946 %04d"`, i)
	}
	for _, bc := range []struct{ name, data string }{
		{"integers", `{"custom_attributes":{"lucky":[` + strings.Join(nums, ",") + `]}}`},
		{"phones", `{"custom_attributes":{"phones":[` + strings.Join(phones, ",") + `]}}`},
	} {
		b.Run(bc.name, func(b *testing.B) {
			data := []byte(bc.data)
			if _, _, err := s.ApplyJSON(&cur, data, up); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := s.ApplyJSON(&cur, data, up); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
