package stdattr_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/stdattr"
	"github.com/profilekit/profilekit/validation"
)

func TestNormalizeZoneinfo(t *testing.T) {
	valid := []struct{ in, want string }{
		{"UTC", "UTC"},
		{"GMT", "GMT"},
		{"Etc/UTC", "Etc/UTC"},
		{"EST5EDT", "EST5EDT"},
		{"Etc/GMT+5", "Etc/GMT+5"},
		{"Etc/GMT-14", "Etc/GMT-14"},
		{"US/Pacific", "US/Pacific"}, // a link stays a link
		{"Europe/Kiev", "Europe/Kiev"},
		{"Europe/Kyiv", "Europe/Kyiv"},
		{"America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires"},
		{"America/Port-au-Prince", "America/Port-au-Prince"},
		{"Asia/Tokyo", "Asia/Tokyo"},
		{"  Asia/Tokyo\n", "Asia/Tokyo"}, // surrounding white space is trimmed
		{"\tUTC ", "UTC"},
	}
	for _, tt := range valid {
		t.Run("valid/"+tt.in, func(t *testing.T) {
			got, err := stdattr.NormalizeZoneinfo(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}

	invalid := []struct {
		in      string
		kind    validation.Kind
		suggest any
		message string
	}{
		{"", validation.KindMinLength, nil, ""},
		{"   ", validation.KindMinLength, nil, ""},
		{"localtime", validation.KindFormat, nil, "zoneinfo directory"},
		{"posixrules", validation.KindFormat, nil, "zoneinfo directory"},
		{"Factory", validation.KindFormat, nil, "placeholder"},
		{"right/UTC", validation.KindFormat, "Etc/UTC", "variant directory"},
		{"posix/America/New_York", validation.KindFormat, "America/New_York", "variant directory"},
		{"right/Mars", validation.KindFormat, nil, "variant directory"},
		{"Mars/Olympus", validation.KindFormat, nil, "not a name in the IANA time-zone database"},
		{"../etc/passwd", validation.KindFormat, nil, "not a name"},
		{"/usr/share/zoneinfo/UTC", validation.KindFormat, nil, "not a name"},
		{"america/new_york", validation.KindFormat, "America/New_York", "case-sensitive"},
		{"AMERICA/NEW_YORK", validation.KindFormat, "America/New_York", "case-sensitive"},
		{"us/pacific", validation.KindFormat, "America/Los_Angeles", "case-sensitive"},
		{"utc", validation.KindFormat, "Etc/UTC", "case-sensitive"},
		{"America/New York", validation.KindFormat, nil, "not a name"},
		{"America/New_York/", validation.KindFormat, nil, "not a name"},
		{"+05:00", validation.KindFormat, nil, "not a name"},
		{"UTC+5", validation.KindFormat, nil, "not a name"},
		{"PST", validation.KindFormat, nil, "not a name"},
		{"Asia/Tokyo\x00", validation.KindFormat, nil, "not a name"},
	}
	for _, tt := range invalid {
		t.Run(fmt.Sprintf("invalid/%q", tt.in), func(t *testing.T) {
			got, err := stdattr.NormalizeZoneinfo(tt.in)
			assert.Empty(t, got)
			var c *validation.Cause
			require.True(t, errors.As(err, &c), "error %v is not a *validation.Cause", err)
			assert.True(t, errors.Is(err, validation.ErrInvalid))
			assert.Equal(t, tt.kind, c.Kind)
			assert.Empty(t, c.Location)
			assert.Equal(t, tt.suggest, c.Details.Suggest)
			if tt.kind == validation.KindFormat {
				assert.Equal(t, "timezone", c.Details.Format)
				assert.Equal(t, strings.TrimSpace(tt.in), c.Details.Actual)
				assert.Contains(t, c.Details.Message, tt.message)
			} else {
				assert.Equal(t, 1, c.Details.Expected)
				assert.Equal(t, 0, c.Details.Actual)
			}
		})
	}
}

func TestNormalizeZoneinfoLongInput(t *testing.T) {
	long := strings.Repeat("America/", 10000)
	_, err := stdattr.NormalizeZoneinfo(long)
	var c *validation.Cause
	require.True(t, errors.As(err, &c))
	assert.Less(t, len(c.Details.Message), 200, "the message quotes a shortened value")
}

func TestCanonicalZone(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"US/Pacific", "America/Los_Angeles", true},
		{"Europe/Kiev", "Europe/Kyiv", true},
		{"UTC", "Etc/UTC", true},
		{"GMT", "Etc/GMT", true},
		{"America/New_York", "America/New_York", true},
		{"America/Buenos_Aires", "America/Argentina/Buenos_Aires", true},
		{"Asia/Saigon", "Asia/Ho_Chi_Minh", true},
		{"america/new_york", "", false},
		{"localtime", "", false},
		{" UTC", "", false}, // exact: CanonicalZone does not trim
	}
	for _, tt := range tests {
		got, ok := stdattr.CanonicalZone(tt.in)
		assert.Equal(t, tt.ok, ok, tt.in)
		assert.Equal(t, tt.want, got, tt.in)
	}
}

func TestTimeZoneDataVersion(t *testing.T) {
	assert.Regexp(t, `^20[0-9]{2}[a-z]$`, stdattr.TimeZoneDataVersion)
}

func ExampleNormalizer_Normalize_zoneinfo() {
	var n stdattr.Normalizer
	z, err := n.Normalize(stdattr.AttrZoneinfo, " US/Pacific ")
	fmt.Printf("%q %v\n", z, err)
	canonical, _ := stdattr.CanonicalZone(z)
	fmt.Println(canonical)

	_, err = n.Normalize(stdattr.AttrZoneinfo, "america/new_york")
	var c *validation.Cause
	if errors.As(err, &c) {
		fmt.Println(c.Kind, c.Details.Suggest)
		fmt.Println(c)
	}
	// Output:
	// "US/Pacific" <nil>
	// America/Los_Angeles
	// format America/New_York
	// /zoneinfo: format: "america/new_york" is not a time-zone name: names are case-sensitive; use "America/New_York"
}

func FuzzNormalizeZoneinfo(f *testing.F) {
	for _, s := range []string{"UTC", " US/Pacific ", "america/new_york", "right/UTC", "posix/Etc/GMT+5", "", "localtime", "../etc/passwd", "Etc/GMT+5", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := stdattr.NormalizeZoneinfo(s)
		if err != nil {
			var c *validation.Cause
			if !errors.As(err, &c) || got != "" {
				t.Fatalf("NormalizeZoneinfo(%q) = %q, %v", s, got, err)
			}
			if sug, ok := c.Details.Suggest.(string); ok {
				if again, err := stdattr.NormalizeZoneinfo(sug); err != nil || again != sug {
					t.Fatalf("suggestion %q for %q does not validate: %v", sug, s, err)
				}
			}
			return
		}
		if got != strings.TrimSpace(s) {
			t.Fatalf("NormalizeZoneinfo(%q) = %q: more than trimming", s, got)
		}
		again, err := stdattr.NormalizeZoneinfo(got)
		if err != nil || again != got {
			t.Fatalf("not idempotent: %q -> %q -> %q, %v", s, got, again, err)
		}
		if _, ok := stdattr.CanonicalZone(got); !ok {
			t.Fatalf("accepted %q has no canonical zone", got)
		}
	})
}

func BenchmarkNormalizeZoneinfo(b *testing.B) {
	for _, in := range []string{"America/Argentina/Buenos_Aires", "US/Pacific", "UTC"} {
		b.Run(in, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := stdattr.NormalizeZoneinfo(in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkNormalizeZoneinfoInvalid(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := stdattr.NormalizeZoneinfo("america/new_york"); err == nil {
			b.Fatal("accepted")
		}
	}
}
