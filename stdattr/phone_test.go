package stdattr_test

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/nyaruka/phonenumbers"
	"github.com/profilekit/profilekit/internal/phone"
	"github.com/profilekit/profilekit/stdattr"
	"github.com/profilekit/profilekit/validation"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNormalizePhoneAccepts(t *testing.T) {
	tests := []struct {
		parser stdattr.PhoneParser
		in     string
		want   string
	}{
		// E.164 and the reference's valid examples.
		{stdattr.PhoneParser{}, "+85298765432", "+85298765432"},
		{stdattr.PhoneParser{}, "+447624123456", "+447624123456"}, // Isle of Man, shares +44 with GB
		{stdattr.PhoneParser{}, "+14155552671", "+14155552671"},
		{stdattr.PhoneParser{}, "+16135550123", "+16135550123"}, // Canada, shares +1 with US
		{stdattr.PhoneParser{}, "+80012345678", "+80012345678"}, // international freephone
		{stdattr.PhoneParser{}, "+390212345678", "+390212345678"},
		{stdattr.PhoneParser{}, " +85298765432\n", "+85298765432"},
		// Formatting.
		{stdattr.PhoneParser{}, "+852 9876 5432", "+85298765432"},
		{stdattr.PhoneParser{}, "+1 (415) 555-2671", "+14155552671"},
		{stdattr.PhoneParser{}, "+1.415.555.2671", "+14155552671"},
		{stdattr.PhoneParser{}, "+49 30/1234567", "+49301234567"},
		{stdattr.PhoneParser{}, "(+852) 9876-5432", "+85298765432"},
		{stdattr.PhoneParser{}, "+852\u00a09876\u00a05432", "+85298765432"},
		{stdattr.PhoneParser{}, "+44 (0) 20 7946 0958", "+442079460958"}, // national prefix after the code is dropped
		{stdattr.PhoneParser{}, "+39 02 1234 5678", "+390212345678"},     // Italian leading zero kept
		// Unicode digits and punctuation.
		{stdattr.PhoneParser{}, "＋８５２ ９８７６ ５４３２", "+85298765432"},
		{stdattr.PhoneParser{}, "+٨٥٢٩٨٧٦٥٤٣٢", "+85298765432"},
		{stdattr.PhoneParser{}, "+९१ ९८७६५ ४३२१०", "+919876543210"},
		{stdattr.PhoneParser{}, "+1\u2013415\u2013555\u20132671", "+14155552671"},
		// tel: URIs.
		{stdattr.PhoneParser{}, "tel:+1-415-555-2671", "+14155552671"},
		{stdattr.PhoneParser{}, "TEL:+14155552671;ext=7", "+14155552671;ext=7"},
		// Extensions are kept, in RFC 3966 form.
		{stdattr.PhoneParser{}, "+1 415 555 2671 ext. 123", "+14155552671;ext=123"},
		{stdattr.PhoneParser{}, "+1 415-555-2671;ext=123", "+14155552671;ext=123"},
		{stdattr.PhoneParser{}, "+14155552671;ext=123", "+14155552671;ext=123"},
		{stdattr.PhoneParser{}, "+1 415 555 2671 x123", "+14155552671;ext=123"},
		{stdattr.PhoneParser{}, "+1 415 555 2671 Extension 0042", "+14155552671;ext=0042"},
		{stdattr.PhoneParser{}, "+44 20 7946 0958 ext. ١٢", "+442079460958;ext=12"},
		// Default region.
		{stdattr.PhoneParser{DefaultRegion: "US"}, "(415) 555-2671", "+14155552671"},
		{stdattr.PhoneParser{DefaultRegion: "us"}, "415.555.2671 ext 9", "+14155552671;ext=9"},
		{stdattr.PhoneParser{DefaultRegion: "US"}, "1 415 555 2671", "+14155552671"},
		{stdattr.PhoneParser{DefaultRegion: "US"}, "011 852 9876 5432", "+85298765432"},
		{stdattr.PhoneParser{DefaultRegion: "US"}, "+85298765432", "+85298765432"},
		{stdattr.PhoneParser{DefaultRegion: "GB"}, "020 7946 0958", "+442079460958"},
		{stdattr.PhoneParser{DefaultRegion: "GB"}, "00852 9876 5432", "+85298765432"},
		{stdattr.PhoneParser{DefaultRegion: "HK"}, "9876 5432", "+85298765432"},
		{stdattr.PhoneParser{DefaultRegion: "XX"}, "+85298765432", "+85298765432"}, // the region is not needed
		// Possible numbers.
		{stdattr.PhoneParser{Possible: true}, "+85212345678", "+85212345678"},
		{stdattr.PhoneParser{Possible: true}, "+85253530000", "+85253530000"},
		{stdattr.PhoneParser{Possible: true}, "+12841234567", "+12841234567"},
		{stdattr.PhoneParser{Possible: true}, "+85298765432", "+85298765432"},
		{stdattr.PhoneParser{Possible: true}, "+852 1234 5678 ext 1", "+85212345678;ext=1"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%+v/%s", tt.parser, tt.in), func(t *testing.T) {
			got, err := tt.parser.Normalize(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			again, err := tt.parser.Normalize(got)
			require.NoError(t, err, "normalized output must re-validate")
			assert.Equal(t, got, again)
		})
	}
}

func TestNormalizePhoneRejects(t *testing.T) {
	tooLong := "+1 " + strings.Repeat("5", 250)
	tests := []struct {
		parser  stdattr.PhoneParser
		in      string
		kind    validation.Kind
		message string // exact Details.Message for kind format
		suggest any
	}{
		{stdattr.PhoneParser{}, "", validation.KindMinLength, "", nil},
		{stdattr.PhoneParser{}, " \t ", validation.KindMinLength, "", nil},
		{stdattr.PhoneParser{}, tooLong, validation.KindMaxLength, "", nil},
		{stdattr.PhoneParser{}, "+", validation.KindFormat, "no digits in phone number", nil},
		{stdattr.PhoneParser{}, "+852", validation.KindFormat, "too short to be a phone number", nil},
		{stdattr.PhoneParser{}, "+85222a", validation.KindFormat, "letters are not allowed in a phone number: write vanity numbers like 1-800-FLOWERS with digits, and at most one extension (ext. 123)", nil},
		{stdattr.PhoneParser{}, "+85212345678", validation.KindFormat, "number is possible but not valid for region HK", nil},
		{stdattr.PhoneParser{}, "+85253530000", validation.KindFormat, "number is possible but not valid for region HK", nil},
		{stdattr.PhoneParser{}, "+852999", validation.KindFormat, "not a possible number for region HK: too short", nil},
		{stdattr.PhoneParser{}, "+8521823", validation.KindFormat, "not a possible number for region HK: too short", nil},
		{stdattr.PhoneParser{}, "+85222", validation.KindFormat, "not a possible number for region HK: too short", nil},
		{stdattr.PhoneParser{}, "+852987654321012", validation.KindFormat, "not a possible number for region HK: too long", nil},
		{stdattr.PhoneParser{}, "+8529876543210", validation.KindFormat, "not a possible number for region HK: no number of this length exists", nil},
		{stdattr.PhoneParser{}, "+12841234567", validation.KindFormat, "number is possible but not valid for region VG", nil},
		{stdattr.PhoneParser{}, "+80012", validation.KindFormat, "not a possible number for calling code +800: too short", nil},
		{stdattr.PhoneParser{}, "+0123456789", validation.KindFormat, "unknown country calling code", nil},
		{stdattr.PhoneParser{}, "+999 123 456 789", validation.KindFormat, "unknown country calling code", nil},
		// Without "+".
		{stdattr.PhoneParser{}, "85298765432", validation.KindFormat, "missing leading + and no default region", nil},
		{stdattr.PhoneParser{}, "(415) 555-2671", validation.KindFormat, "missing leading + and no default region", nil},
		{stdattr.PhoneParser{}, "0044 20 7946 0958", validation.KindFormat, "missing leading + and no default region: write the international prefix 00 as +", "+442079460958"},
		{stdattr.PhoneParser{}, "00 1 415 555 2671 ext 5", validation.KindFormat, "missing leading + and no default region: write the international prefix 00 as +", "+14155552671;ext=5"},
		{stdattr.PhoneParser{DefaultRegion: "XX"}, "9876 5432", validation.KindFormat, `missing leading + and the default region "XX" is not a known region`, nil},
		{stdattr.PhoneParser{DefaultRegion: "US"}, "555-2671", validation.KindFormat, "not a possible number for region US: a local number without its area code", nil},
		{stdattr.PhoneParser{DefaultRegion: "US", Possible: true}, "555-2671", validation.KindFormat, "not a possible number for region US: a local number without its area code", nil},
		{stdattr.PhoneParser{DefaultRegion: "US"}, "0044 20 7946 0958", validation.KindFormat, "not a possible number for region US: too long", nil}, // 00 is not the US international prefix
		// Letters: vanity numbers are not converted, but the digits are suggested.
		{stdattr.PhoneParser{}, "1-800-FLOWERS", validation.KindFormat, "letters are not allowed in a phone number: write vanity numbers like 1-800-FLOWERS with digits, and at most one extension (ext. 123)", nil},
		{stdattr.PhoneParser{DefaultRegion: "US"}, "1-800-FLOWERS", validation.KindFormat, "letters are not allowed in a phone number: write vanity numbers like 1-800-FLOWERS with digits, and at most one extension (ext. 123)", "+18003569377"},
		{stdattr.PhoneParser{}, "+85298765432abc", validation.KindFormat, "letters are not allowed in a phone number: write vanity numbers like 1-800-FLOWERS with digits, and at most one extension (ext. 123)", nil},
		{stdattr.PhoneParser{}, "call +85298765432", validation.KindFormat, "letters are not allowed in a phone number: write vanity numbers like 1-800-FLOWERS with digits, and at most one extension (ext. 123)", nil},
		// Never silently drop data: a second extension, a second number, stray characters.
		{stdattr.PhoneParser{}, "+1 415 555 2671 x302/x2303", validation.KindFormat, "letters are not allowed in a phone number: write vanity numbers like 1-800-FLOWERS with digits, and at most one extension (ext. 123)", nil},
		{stdattr.PhoneParser{}, "+1 415 555 2671 ext. 1 ext. 2", validation.KindFormat, "letters are not allowed in a phone number: write vanity numbers like 1-800-FLOWERS with digits, and at most one extension (ext. 123)", nil},
		{stdattr.PhoneParser{}, "++85298765432", validation.KindFormat, "a + may only start the number", nil},
		{stdattr.PhoneParser{}, "+852 9876+5432", validation.KindFormat, "a + may only start the number", nil},
		{stdattr.PhoneParser{}, "+852\t9876 5432", validation.KindFormat, `unexpected character '\t' in phone number`, nil},
		{stdattr.PhoneParser{}, "+852 9876 5432 🙂", validation.KindFormat, `unexpected character '🙂' in phone number`, nil},
		{stdattr.PhoneParser{}, "+852 9876 5432, +852 9876 5433", validation.KindFormat, `unexpected character ',' in phone number`, nil},
		{stdattr.PhoneParser{}, "tel:+1-415-555-2671;phone-context=example.com", validation.KindFormat, `unexpected character ';' in phone number`, nil},
		{stdattr.PhoneParser{}, "+1 415 555 2671 #", validation.KindFormat, `unexpected character '#' in phone number`, nil},
		// Possible numbers still need a possible length.
		{stdattr.PhoneParser{Possible: true}, "+852999", validation.KindFormat, "not a possible number for region HK: too short", nil},
		// libphonenumber strips VN's national prefix 0 once; the result would be stripped again.
		{stdattr.PhoneParser{Possible: true}, "+8400000000000", validation.KindFormat, "ambiguous number: its E.164 form +840000000000 would be read as another number (it starts with a national prefix)", nil},
		{stdattr.PhoneParser{Possible: true}, "+85222a", validation.KindFormat, "letters are not allowed in a phone number: write vanity numbers like 1-800-FLOWERS with digits, and at most one extension (ext. 123)", nil},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%+v/%q", tt.parser, tt.in), func(t *testing.T) {
			got, err := tt.parser.Normalize(tt.in)
			require.Error(t, err)
			assert.Empty(t, got)
			assert.ErrorIs(t, err, validation.ErrInvalid)
			var c *validation.Cause
			require.True(t, errors.As(err, &c))
			assert.Equal(t, tt.kind, c.Kind)
			assert.Empty(t, c.Location, "the caller attaches the location")
			switch tt.kind {
			case validation.KindFormat:
				assert.Equal(t, "phone", c.Details.Format)
				assert.Equal(t, tt.message, c.Details.Message)
				assert.Equal(t, tt.in, c.Details.Actual)
				assert.Equal(t, tt.suggest, c.Details.Suggest)
			case validation.KindMinLength:
				assert.Equal(t, validation.Details{Expected: 1, Actual: 0, Message: "must not be empty"}, c.Details)
			case validation.KindMaxLength:
				n := len([]rune(strings.TrimSpace(tt.in)))
				assert.Equal(t, validation.Details{Expected: phone.MaxLength, Actual: n,
					Message: fmt.Sprintf("length %d is above the maximum %d", n, phone.MaxLength)}, c.Details)
			}
		})
	}
}

// An unknown default region (PhoneParser.Validate before issue 11) is reported for each number
// read in it.
func TestPhoneParserUnknownRegion(t *testing.T) {
	got, err := stdattr.PhoneParser{DefaultRegion: "hk"}.Normalize("9876 5432")
	assert.NoError(t, err)
	assert.Equal(t, "+85298765432", got)
	for _, region := range []string{"XX", "UK"} { // GB is the code
		_, err := stdattr.PhoneParser{DefaultRegion: region}.Normalize("020 7946 0958")
		require.Error(t, err, region)
		assert.Contains(t, err.Error(), "is not a known region", region)
	}
}

// Numbers already in E.164 form take the fast path; it must give the parser's answer.
func TestNormalizePhoneFastPathAgrees(t *testing.T) {
	for _, s := range []string{"+85298765432", "+14155552671", "+447624123456", "+85212345678", "+852999", "+80012345678", "+79123456789", "+5491123456789"} {
		for _, o := range []phone.Options{{}, {Possible: true}} {
			want, wc := phone.NormalizeFull(s, o)
			got, gc := phone.Normalize(s, o)
			assert.Equal(t, want, got, s)
			assert.Equal(t, wc, gc, s)
			if fast, ok := phone.FastPath(s, o); ok {
				assert.Equal(t, want, fast, s)
			}
		}
	}
	_, ok := phone.FastPath("+85298765432", phone.Options{})
	assert.True(t, ok, "a valid E.164 number is decided by the fast path")
}

func ExampleNormalizer_Normalize_phone() {
	var n stdattr.Normalizer // phone numbers need a leading "+" and must be valid
	for _, s := range []string{"+852 9876 5432", "+1 415 555 2671 ext. 123", "+85212345678", "0044 20 7946 0958"} {
		out, err := n.Normalize(stdattr.AttrPhoneNumber, s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(out)
	}
	// Output:
	// +85298765432
	// +14155552671;ext=123
	// /phone_number: format: number is possible but not valid for region HK
	// /phone_number: format: missing leading + and no default region: write the international prefix 00 as +
}

func ExampleNormalizer_phoneRegion() {
	us := stdattr.Normalizer{PhoneRegion: "US"}
	fmt.Println(us.Normalize(stdattr.AttrPhoneNumber, "(415) 555-2671"))
	loose := stdattr.Normalizer{PhonePossible: true}
	fmt.Println(loose.Normalize(stdattr.AttrPhoneNumber, "+852 1234 5678"))
	_, err := loose.Normalize(stdattr.AttrPhoneNumber, "+852 999")
	var c *validation.Cause
	if errors.As(err, &c) {
		fmt.Println(c.Kind, c.Details.Format, c.Details.Message)
	}
	// Output:
	// +14155552671 <nil>
	// +85212345678 <nil>
	// format phone not a possible number for region HK: too short
}

var normalizedPhone = regexp.MustCompile(`^\+[1-9][0-9]{2,19}(;ext=[0-9]{1,20})?$`)

func FuzzNormalizePhone(f *testing.F) {
	for _, s := range []string{"+85298765432", "+852 9876 5432", "+14155552671;ext=123", "+1 415 555 2671 ext. 123",
		"tel:+1-415-555-2671", "＋８５２ ９８７６ ５４３２", "+44 (0) 20 7946 0958", "(415) 555-2671", "0044 20 7946 0958",
		"1-800-FLOWERS", "+85212345678", "+852999", "+", "", "+85222a", "+5491123456789", "+78121234567",
		"+81120123456", "+2612012345678", "+1 415 555 2671 x302/x2303", "++1", "+0044 20 7946 0958"} {
		f.Add(s)
	}
	parsers := []phone.Options{{}, {Possible: true}, {DefaultRegion: "US"}, {DefaultRegion: "GB", Possible: true}}
	f.Fuzz(func(t *testing.T, s string) {
		for _, o := range parsers {
			p := stdattr.PhoneParser{DefaultRegion: o.DefaultRegion, Possible: o.Possible}
			out, err := p.Normalize(s)
			full, fc := phone.NormalizeFull(s, o)
			if fast, ok := phone.FastPath(s, o); ok {
				if fc != nil || fast != full {
					t.Fatalf("%+v %q: fast path %q, parser %q %v", o, s, fast, full, fc)
				}
			}
			if err != nil {
				var c *validation.Cause
				if !errors.As(err, &c) || fc == nil || c.Details.Message != fc.Explain().Details.Message {
					t.Fatalf("%+v %q: error %v, parser says %v", o, s, err, fc)
				}
				continue
			}
			if fc != nil || out != full {
				t.Fatalf("%+v %q: %q, parser says %q %v", o, s, out, full, fc)
			}
			if !normalizedPhone.MatchString(out) {
				t.Fatalf("%+v %q: output %q is not E.164 with an optional extension", o, s, out)
			}
			again, err := p.Normalize(out)
			if err != nil || again != out {
				t.Fatalf("%+v %q: output %q re-normalizes to %q %v", o, s, out, again, err)
			}
			if i := strings.IndexByte(out, ';'); i < 0 {
				if _, ok := phone.FastPath(out, o); !ok {
					t.Fatalf("%+v %q: output %q not decided by the fast path", o, s, out)
				}
			}
		}
	})
}

func BenchmarkNormalizePhone(b *testing.B) {
	benches := []struct {
		name   string
		parser stdattr.PhoneParser
		in     string
	}{
		{"E164_US", stdattr.PhoneParser{}, "+14155552671"},
		{"E164_HK", stdattr.PhoneParser{}, "+85298765432"},
		{"E164_IM_shared_code", stdattr.PhoneParser{}, "+447624123456"},
		{"E164_possible", stdattr.PhoneParser{Possible: true}, "+85212345678"},
		{"formatted_spaces", stdattr.PhoneParser{}, "+1 415 555 2671"},
		{"formatted_ext", stdattr.PhoneParser{}, "+1 415 555 2671 ext. 123"},
		{"national_US", stdattr.PhoneParser{DefaultRegion: "US"}, "(415) 555-2671"},
		{"invalid_not_valid", stdattr.PhoneParser{}, "+85212345678"},
		{"invalid_too_short", stdattr.PhoneParser{}, "+852999"},
		{"invalid_no_plus", stdattr.PhoneParser{}, "85298765432"},
	}
	for _, bb := range benches {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			bb.parser.Normalize(bb.in) // builds the calling code's tables once
			for b.Loop() {
				_, _ = bb.parser.Normalize(bb.in)
			}
		})
	}
	// What the fast path replaces: libphonenumber's parser and validity check.
	b.Run("libphonenumber_Parse_IsValidNumber", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			num, err := phonenumbers.Parse("+14155552671", "")
			if err != nil || !phonenumbers.IsValidNumber(num) {
				b.Fatal("not valid")
			}
		}
	})
}
