package stdattr

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/profilekit/profilekit/internal/iso3166"
)

// localeScripts lists every script subtag x/text knows, by asking it about every 4-letter code.
func localeScripts(t *testing.T) []string {
	var out []string
	var b [4]byte
	for i := range 26 * 26 * 26 * 26 {
		b[0] = 'A' + byte(i/(26*26*26))
		b[1] = 'a' + byte(i/(26*26)%26)
		b[2] = 'a' + byte(i/26%26)
		b[3] = 'a' + byte(i%26)
		if sc, err := language.ParseScript(string(b[:])); err == nil && sc.String() == string(b[:]) {
			out = append(out, string(b[:]))
		}
	}
	require.Greater(t, len(out), 150)
	return out
}

// localeAgree checks that the fast path, when it answers, gives what the full parser gives.
func localeAgree(t *testing.T, in string) bool {
	fast, ok := localeFast(in)
	if !ok {
		return false
	}
	full, c := localeFull(in)
	if !assert.Nil(t, c, "fast path accepted %q, the full parser rejects it: %v", in, c) {
		return true
	}
	assert.Equal(t, full, fast, "fast and full disagree on %q", in)
	return true
}

// TestLocaleFastPathAgrees is the differential test of the fast path against x/text: every
// language the fast path knows with every region (letters and digits, valid or not), every
// script, and the scripts with every region for a few languages.
func TestLocaleFastPathAgrees(t *testing.T) {
	lt := localeTablesOnce()
	var bases []string
	for a := byte('a'); a <= 'z'; a++ {
		for b := byte('a'); b <= 'z'; b++ {
			if lt.bases[a-'a']&(1<<(b-'a')) != 0 {
				bases = append(bases, string([]byte{a, b}))
			}
		}
	}
	require.Greater(t, len(bases), 150, "two-letter languages the fast path knows")
	for _, dep := range []string{"iw", "in", "ji", "jw", "mo", "sh", "tl"} {
		assert.NotContains(t, bases, dep, "deprecated code must go to the full parser")
	}
	var regions []string
	for a := byte('A'); a <= 'Z'; a++ {
		for b := byte('A'); b <= 'Z'; b++ {
			regions = append(regions, string([]byte{a, b}))
		}
	}
	for n := range 1000 {
		regions = append(regions, string([]byte{byte('0' + n/100), byte('0' + n/10%10), byte('0' + n%10)}))
	}
	scripts := localeScripts(t)

	handled := 0
	for _, b := range bases {
		if localeAgree(t, b) {
			handled++
		}
		for _, r := range regions {
			if localeAgree(t, b+"-"+r) {
				handled++
			}
		}
		for _, s := range scripts {
			if localeAgree(t, b+"-"+s) {
				handled++
			}
		}
	}
	for _, b := range []string{"zh", "sr"} {
		for _, s := range scripts {
			for _, r := range regions {
				if localeAgree(t, b+"-"+s+"-"+r) {
					handled++
				}
			}
		}
	}
	t.Logf("fast path answered %d inputs, all as the full parser does", handled)

	// Every ISO country and the M.49 areas the full parser accepts are on the fast path.
	for _, c := range iso3166.Codes() {
		_, ok := localeFast("en-" + c)
		assert.True(t, ok, c)
	}
	for _, r := range []string{"001", "150", "419", "029", "142"} {
		_, ok := localeFast("es-" + r)
		assert.True(t, ok, r)
	}
}

// TestLocaleFastPathCaseAndSeparators mixes case and separators at random.
func TestLocaleFastPathCaseAndSeparators(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	inputs := []string{"en-US", "zh-Hant-TW", "sr-Latn-RS", "es-419", "pt-BR", "de", "az-Cyrl", "uz-Arab-AF"}
	for range 2000 {
		in := []byte(inputs[rng.IntN(len(inputs))])
		for i, c := range in {
			switch {
			case c == '-' && rng.IntN(2) == 0:
				in[i] = '_'
			case localeAlpha(c) && rng.IntN(2) == 0:
				in[i] = c ^ 0x20
			}
		}
		require.True(t, localeAgree(t, string(in)), "%q not on the fast path", in)
	}
}

func TestLocaleFastPathDeclines(t *testing.T) {
	for _, in := range []string{
		"iw", "in-ID", "sh", "mo", "tl", "en-UK", "en-DD", "en-XK", "en-ZZ", "en-840", "en-999",
		"en-Qaaa", "en-Qaai", "en-Zmth", "pa-Zzzz", "en-Zyyy", "en-US-u-ca-gregory", "en-x-a", "fil", "yue-HK", "en--US", "en-US-",
		"-en", "en-US-US", "en-Latn-Latn", "en-US-Latn", "en-1996", "de-DE-1996", "e", "en-",
		"en-Latnn", "en-U", "en_", "x-fo", "ab-CD-", "zh-Hant-TW-x",
	} {
		_, ok := localeFast(in)
		assert.False(t, ok, in)
	}
	// Inputs the fast path declines still get the right answer from the full parser.
	got, c := normalizeLocale("iw")
	assert.Nil(t, c)
	assert.Equal(t, "he", got)
	got, c = normalizeLocale("en-UK")
	assert.Nil(t, c)
	assert.Equal(t, "en-GB", got)
	_, c = normalizeLocale("en-XK")
	assert.NotNil(t, c)
}

func TestLocaleWithoutExtensions(t *testing.T) {
	for in, want := range map[string]string{
		"en":                      "en",
		"en-US":                   "en-US",
		"en-US-u-ca-gregory":      "en-US",
		"en-u-nu-latn":            "en",
		"zh-Hant-TW-t-en":         "zh-Hant-TW",
		"de-DE-1996-u-co-phonebk": "de-DE-1996",
	} {
		assert.Equal(t, want, localeWithoutExtensions(in), in)
	}
	assert.Equal(t, "", strings.TrimSpace(localeWithoutExtensions("")))
}

func BenchmarkLocaleTablesBuild(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		localeTablesBuild()
	}
}

// FuzzLocaleFastPath is the differential test on arbitrary input.
func FuzzLocaleFastPath(f *testing.F) {
	for _, s := range []string{"en", "en-US", "zh_hant_tw", "es-419", "pa-Zzzz", "en-Zmth", "iw", "EN-gb", "sr-Latn"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fast, ok := localeFast(s)
		if !ok {
			return
		}
		full, c := localeFull(s)
		if c != nil || full != fast {
			t.Fatalf("fast path gives %q for %q, the full parser %q, %v", fast, s, full, c)
		}
	})
}
