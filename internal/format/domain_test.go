package format

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPunycodeLen(t *testing.T) {
	// Lengths of Python's "punycode" codec output for the same strings.
	tests := map[string]int{
		"例子":                    7,  // fsqu00a
		"广告":                    6,  // 4rr70v
		"测试":                    7,  // 0zwm56d
		"bücher":                9,  // bcher-kva
		"münchen":               10, // mnchen-3ya
		"ü":                     3,  // tda
		"пример":                8,  // e1afmkfd
		"испытание":             12, // 80akhbyknj4f
		"δοκιμή":                8,  // jxalpdlp
		"ليهمابتكلموشعربي":      21, // mgbcah9ar9a4efegftvvn
		"他们为什么不说中文":             24, // ihqwcrb4cv8a8dqg056pqjye
		"aaaaaaaaaaü":           14, // aaaaaaaaaa-jeb
		"3年B組金八先生":              24, // 3B-ww4c5e180e575a65lsy2b
		strings.Repeat("ÿ", 20): 22,
		strings.Repeat("ü", 40): 42,
	}
	for in, want := range tests {
		got, ok := punycodeLen(in)
		assert.True(t, ok, in)
		assert.Equal(t, want, got, in)
	}
	_, ok := punycodeLen(strings.Repeat("ü", 300))
	assert.False(t, ok)
}

func TestCheckDomain(t *testing.T) {
	valid := []string{"example.com", "a.b", "xn--fsqu00a.xn--55qx5d", "例子.广告", "bücher.de",
		"a-b.c-d.example", "1.example", "sub.123abc", strings.Repeat("a", 63) + ".com"}
	for _, d := range valid {
		assert.Empty(t, checkDomain(d, 2, "domain"), d)
	}
	invalid := map[string]string{
		"":                                       "domain is empty",
		"localhost":                              "at least 2 labels",
		"example.com.":                           "must not end with a dot",
		".example.com":                           "empty label",
		"a..b":                                   "empty label",
		"-a.com":                                 "hyphen",
		"a-.com":                                 "hyphen",
		"a_b.com":                                `contains '_'`,
		"a b.com":                                `contains ' '`,
		"例子。广告":                                  "U+3002",
		"ex!.com":                                `'!'`,
		"ex★.com":                                "only letters, digits and hyphens",
		strings.Repeat("a", 64) + ".com":         "64 octets",
		strings.Repeat("ü", 60) + ".com":         "in ASCII form",
		"127.0.0.1":                              "numeric label",
		"a.0x7f":                                 "numeric label",
		strings.Repeat("abcdefghi.", 26) + "com": "at most 253",
	}
	for d, msg := range invalid {
		assert.Contains(t, checkDomain(d, 2, "domain"), msg, d)
	}
	assert.Empty(t, checkDomain("localhost", 1, "host"))
}

func TestLowerDomain(t *testing.T) {
	assert.Equal(t, "example.com", lowerDomain("EXAMPLE.Com"))
	assert.Equal(t, "bücher.de", lowerDomain("BÜCHER.DE"))
	assert.Equal(t, "例子.广告", lowerDomain("例子.广告"))
	s := "example.com"
	assert.Zero(t, testing.AllocsPerRun(10, func() { _ = lowerDomain(s) }))
}
