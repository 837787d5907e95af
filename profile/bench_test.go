package profile_test

import (
	"encoding/json"
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
