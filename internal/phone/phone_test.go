package phone

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode"

	"github.com/nyaruka/phonenumbers"
	"github.com/profilekit/profilekit/validation"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The stdattr package holds the user-facing table tests (stdattr/phone_test.go); these cover
// the pieces.

func TestNormalize(t *testing.T) {
	got, c := Normalize(" +852 9876 5432 ", Options{})
	require.Nil(t, c)
	assert.Equal(t, "+85298765432", got)

	got, c = Normalize("(415) 555-2671", Options{DefaultRegion: "US"})
	require.Nil(t, c)
	assert.Equal(t, "+14155552671", got)

	got, c = Normalize("+85212345678", Options{Possible: true})
	require.Nil(t, c)
	assert.Equal(t, "+85212345678", got)

	_, c = Normalize("+85212345678", Options{})
	require.NotNil(t, c)
	assert.Equal(t, validation.Details{Format: "phone", Message: "number is possible but not valid for region HK", Actual: "+85212345678"}, c.Details)
	assert.Equal(t, validation.KindFormat, c.Kind)
}

// Every script's decimal digits form runs of ten starting at zero, which digitValue relies on.
func TestDigitValue(t *testing.T) {
	run := 0
	for r := rune(0); r <= unicode.MaxRune; r++ {
		v, ok := digitValue(r)
		if unicode.Is(unicode.Nd, r) {
			if !ok || v != byte(run%10) {
				t.Fatalf("%U: digitValue = %d, %v; want %d", r, v, ok, run%10)
			}
			run++
			continue
		}
		if run%10 != 0 {
			t.Fatalf("the run of decimal digits ending before %U is not a multiple of ten", r)
		}
		run = 0
		if ok {
			t.Fatalf("%U is not a decimal digit, digitValue accepts it", r)
		}
	}
	// Where libphonenumber maps digits itself, it agrees.
	for _, s := range []string{"٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹", "０１２３４５６７８９"} {
		var b strings.Builder
		for _, r := range s {
			v, _ := digitValue(r)
			b.WriteByte('0' + v)
		}
		assert.Equal(t, phonenumbers.NormalizeDigitsOnly(s), b.String())
	}
	v, ok := digitValue('९')
	assert.True(t, ok)
	assert.Equal(t, byte(9), v)
}

func TestCleanNumber(t *testing.T) {
	clean, digits, plus, bad := cleanNumber("＋８５２－９８７６\u3000５４３２")
	assert.Equal(t, "+852-9876 5432", clean)
	assert.Equal(t, "85298765432", digits)
	assert.True(t, plus)
	assert.Empty(t, bad)

	_, _, _, bad = cleanNumber("+852 ABC")
	assert.Equal(t, badLetter, bad)
	_, _, _, bad = cleanNumber("+852\x00")
	assert.Equal(t, `unexpected character '\x00' in phone number`, bad)
}

func TestGuardedContainsPanics(t *testing.T) {
	v, err := guarded(func() (int, error) { panic("boom") })
	assert.Zero(t, v)
	assert.EqualError(t, err, "phone number parser failed: boom")
	v, err = guarded(func() (int, error) { return 7, errors.New("plain") })
	assert.Equal(t, 7, v)
	assert.EqualError(t, err, "plain")
}

func TestSupportedRegion(t *testing.T) {
	assert.True(t, SupportedRegion("HK"))
	assert.True(t, SupportedRegion("hk"))
	assert.False(t, SupportedRegion("001"))
	assert.False(t, SupportedRegion("ZZ"))
	assert.False(t, SupportedRegion(""))
}

func ExampleNormalize() {
	fmt.Println(Normalize("+852 9876 5432", Options{}))
	fmt.Println(Normalize("+1 415 555 2671 ext. 123", Options{}))
	fmt.Println(Normalize("(415) 555-2671", Options{DefaultRegion: "US"}))
	_, c := Normalize("+852999", Options{Possible: true})
	fmt.Println(c.Details.Message)
	// Output:
	// +85298765432 <nil>
	// +14155552671;ext=123 <nil>
	// +14155552671 <nil>
	// not a possible number for region HK: too short
}

// FuzzFastPath compares the fast path with libphonenumber on E.164-shaped input built from
// the fuzzer's digits.
func FuzzFastPath(f *testing.F) {
	for _, s := range []string{"14155552671", "85298765432", "447624123456", "5491123456789", "78121234567",
		"81120123456", "2612012345678", "80012345678", "12841234567", "3780549123456", "0", "999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, digits string) {
		var b strings.Builder
		b.WriteByte('+')
		for i := 0; i < len(digits) && b.Len() < 22; i++ {
			b.WriteByte('0' + digits[i]%10)
		}
		s := b.String()
		for _, possible := range []bool{false, true} {
			if fastE164(s, possible) && !reference(s, possible) {
				t.Fatalf("possible=%v %s: fast path accepts, libphonenumber does not", possible, s)
			}
		}
	})
}

// FuzzNormalizeMatchesFull: on any input, the normalizer with its fast paths (E.164 and
// compacted international form) answers exactly as the full parser does.
func FuzzNormalizeMatchesFull(f *testing.F) {
	for _, s := range []string{"+852 9876 5432", "+1 415-555-2671", "+44 20.7946.0958", "+44 (0)20 7946 0958", "+1  415", "+ 1", "+14155552671"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, o := range []Options{{}, {Possible: true}} {
			got, gc := Normalize(s, o)
			want, wc := NormalizeFull(s, o)
			if got != want || (gc == nil) != (wc == nil) || (gc != nil && gc.Details.Message != wc.Details.Message) {
				t.Fatalf("%+v %q: Normalize %q %v, full %q %v", o, s, got, gc, want, wc)
			}
		}
	})
}
