package bench

import (
	"testing"

	"github.com/profilekit/profilekit/profile"
)

// BenchmarkValid applies the reference update (valid) with each engine: decode the raw bytes,
// validate, check access, merge.
func BenchmarkValid(b *testing.B) {
	benchEngines(b, loadRef(b).Update, true)
}

// BenchmarkInvalid applies update_invalid (four faults; every engine reports all it finds).
func BenchmarkInvalid(b *testing.B) {
	benchEngines(b, loadRef(b).UpdateInvalid, false)
}

func benchEngines(b *testing.B, doc []byte, valid bool) {
	for _, e := range engines(b) {
		b.Run(e.Name(), func(b *testing.B) {
			if err := e.Check(doc); (err == nil) != valid {
				b.Fatalf("%s: valid=%v, error: %v", e.Name(), valid, err)
			}
			b.ReportAllocs()
			for b.Loop() {
				_ = e.Check(doc)
			}
		})
	}
}

// BenchmarkCompile measures config -> schema: profile.ParseConfig and profile.Compile of the
// reference user_profile section ("profilekit"), and profile.Compile alone of the decoded
// config ("profilekit_compile_only").
func BenchmarkCompile(b *testing.B) {
	cfg := loadRef(b).Config.UserProfile
	decoded, err := profile.ParseConfig(cfg)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("profilekit", func(b *testing.B) {
		if _, err := CompileProfilekit(cfg); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			_, _ = CompileProfilekit(cfg)
		}
	})
	b.Run("profilekit_compile_only", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, _ = profile.Compile(decoded)
		}
	})
}
