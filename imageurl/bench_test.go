package imageurl_test

import (
	"testing"

	"github.com/profilekit/profilekit/imageurl"
)

const (
	benchRef = "authgearimages:///myapp-123/" + uuid
	benchURL = "https://auth.example.com/_images/myapp-123/" + uuid + "/profile"
)

func benchResolver(b *testing.B) *imageurl.Resolver {
	r, err := imageurl.NewResolver(imageurl.Config{PublicHost: "auth.example.com", CDNHost: "cdn.example.net"})
	if err != nil {
		b.Fatal(err)
	}
	return r
}

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := (imageurl.Parser{}).Parse(benchRef); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRefString(b *testing.B) {
	ref, _ := imageurl.Parser{}.Parse(benchRef)
	b.ReportAllocs()
	for b.Loop() {
		if ref.String() != benchRef {
			b.Fatal("round trip")
		}
	}
}

// BenchmarkParseAndResolve is the read path of one picture: parse the stored reference and
// build its public URL (the target: at most 300 ns and 2 allocations).
func BenchmarkParseAndResolve(b *testing.B) {
	r := benchResolver(b)
	b.ReportAllocs()
	for b.Loop() {
		ref, err := imageurl.Parser{}.Parse(benchRef)
		if err != nil {
			b.Fatal(err)
		}
		if r.URL(ref, imageurl.VariantProfile) == "" {
			b.Fatal("empty")
		}
	}
}

func BenchmarkResolverRef(b *testing.B) {
	r := benchResolver(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, ok, err := r.Ref(benchURL); !ok || err != nil {
			b.Fatal(ok, err)
		}
	}
}

func BenchmarkToRepresentation(b *testing.B) {
	r := benchResolver(b)
	b.ReportAllocs()
	for b.Loop() {
		if r.ToRepresentation(benchRef) == benchRef {
			b.Fatal("unchanged")
		}
	}
}

func BenchmarkToRepresentationExternal(b *testing.B) {
	r := benchResolver(b)
	const ext = "https://gravatar.com/avatar/0c2ee1e18d344a3f"
	b.ReportAllocs()
	for b.Loop() {
		if r.ToRepresentation(ext) != ext {
			b.Fatal("changed")
		}
	}
}

func BenchmarkToStorage(b *testing.B) {
	r := benchResolver(b)
	b.ReportAllocs()
	for b.Loop() {
		if s, err := r.ToStorage(benchURL); err != nil || s != benchRef {
			b.Fatal(s, err)
		}
	}
}
