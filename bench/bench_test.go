package bench

import (
	"runtime"
	"testing"

	"github.com/profilekit/profilekit/profile"
)

// BenchmarkValid applies the reference update (valid) with each engine: decode the raw bytes,
// validate, check access, merge. The competitors run twice: as commonly written ("jsonschema",
// "validator") and in their best honest configuration ("jsonschema_best", "validator_best").
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

// BenchmarkValidParallel applies the reference update with each engine from GOMAXPROCS
// goroutines at once (b.RunParallel): ns/op is wall time per update with every core busy, and
// updates/s/core the throughput divided by GOMAXPROCS. Every engine is safe for concurrent use:
// its compiled schema, policy and current profile are read-only, its caches are sync.Map and
// sync.Pool.
func BenchmarkValidParallel(b *testing.B) {
	doc := loadRef(b).Update
	for _, e := range engines(b) {
		b.Run(e.Name(), func(b *testing.B) {
			if err := e.Check(doc); err != nil {
				b.Fatalf("%s: %v", e.Name(), err)
			}
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					_ = e.Check(doc)
				}
			})
			perSec := float64(b.N) / b.Elapsed().Seconds()
			b.ReportMetric(perSec, "updates/s")
			b.ReportMetric(perSec/float64(runtime.GOMAXPROCS(0)), "updates/s/core")
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
