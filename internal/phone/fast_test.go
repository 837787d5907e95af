package phone

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/nyaruka/phonenumbers"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// reference is what libphonenumber itself says about s (an E.164-shaped string): whether
// Parse+IsValidNumber (or IsPossibleNumberWithReason == IS_POSSIBLE) accept it with s as its E.164 form.
func reference(s string, possible bool) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	num, err := phonenumbers.Parse(s, "")
	if err != nil {
		return false
	}
	if phonenumbers.Format(num, phonenumbers.E164) != s {
		return false
	}
	if possible {
		return phonenumbers.IsPossibleNumberWithReason(num) == phonenumbers.IS_POSSIBLE
	}
	return phonenumbers.IsValidNumber(num)
}

// nearMisses returns s ("+" cc nsn) and its variants: a digit dropped (first, last), a digit
// added (front, back), the last digit and the first national digit changed to every value.
func nearMisses(cc, nsn string) []string {
	out := []string{nsn}
	if len(nsn) > 1 {
		out = append(out, nsn[:len(nsn)-1], nsn[1:])
	}
	for d := byte('0'); d <= '9'; d++ {
		ds := string(d)
		out = append(out, nsn+ds, ds+nsn)
		if len(nsn) > 0 {
			out = append(out, nsn[:len(nsn)-1]+ds, ds+nsn[1:])
		}
	}
	for i := range out {
		out[i] = "+" + cc + out[i]
	}
	return out
}

// corpus returns every example number of every description of every region and non-geographic
// entity, with near misses, plus random national numbers of every length for every code.
func corpus(t testing.TB, randomPerLength int) []string {
	coll, err := phonenumbers.MetadataCollection()
	require.NoError(t, err)
	seen := map[string]bool{}
	var out []string
	add := func(ss ...string) {
		for _, s := range ss {
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	for _, md := range coll.GetMetadata() {
		cc := strconv.Itoa(int(md.GetCountryCode()))
		ds := descs(md)
		all := append(ds[:], md.GetNoInternationalDialling(), md.GetStandardRate(), md.GetCarrierSpecific(), md.GetSmsServices(), md.GetEmergency(), md.GetShortCode())
		for _, d := range all {
			if ex := d.GetExampleNumber(); ex != "" {
				add(nearMisses(cc, ex)...)
			}
		}
	}
	// GetExampleNumberForType for every region and type, as the issue asks.
	types := []phonenumbers.PhoneNumberType{phonenumbers.FIXED_LINE, phonenumbers.MOBILE, phonenumbers.TOLL_FREE,
		phonenumbers.PREMIUM_RATE, phonenumbers.SHARED_COST, phonenumbers.VOIP, phonenumbers.PERSONAL_NUMBER,
		phonenumbers.PAGER, phonenumbers.UAN, phonenumbers.VOICEMAIL, phonenumbers.FIXED_LINE_OR_MOBILE}
	for region := range phonenumbers.GetSupportedRegions() {
		for _, typ := range types {
			if num := phonenumbers.GetExampleNumberForType(region, typ); num != nil {
				add(phonenumbers.Format(num, phonenumbers.E164))
			}
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for cc := range phonenumbers.GetSupportedCallingCodes() {
		for n := 1; n <= 18; n++ {
			for range randomPerLength {
				b := make([]byte, n)
				for i := range b {
					b[i] = byte('0' + rng.IntN(10))
				}
				add("+" + strconv.Itoa(cc) + string(b))
			}
		}
	}
	// Shapes around the edges of the calling code lookup.
	add("+0123456789", "+999123456789", "+1", "+12", "+123", "+80012345678", "+8001234567890123456789")
	slices.Sort(out)
	return out
}

// every returns every step-th element of s.
func every(s []string, step int) []string {
	var out []string
	for i := 0; i < len(s); i += step {
		out = append(out, s[i])
	}
	return out
}

// TestFastPathMatchesLibphonenumber is the differential test: wherever the fast path accepts
// a number, libphonenumber accepts it with the same E.164 form, and wherever libphonenumber
// accepts an E.164 number the fast path either accepts it too or declines (never rejects).
// It also reports how much the fast path covers.
func TestFastPathMatchesLibphonenumber(t *testing.T) {
	perLength := 4
	if testing.Short() || raceEnabled {
		perLength = 1
	}
	nums := corpus(t, perLength)
	require.Greater(t, len(nums), 20000)
	if raceEnabled { // a sample: this test is single-threaded, the race detector only slows it
		nums = every(nums, 5)
	}
	for _, possible := range []bool{false, true} {
		var refOK, fastOK int
		for _, s := range nums {
			ref := reference(s, possible)
			fast := fastE164(s, possible)
			if fast && !ref {
				t.Errorf("possible=%v %s: fast path accepts, libphonenumber does not", possible, s)
			}
			if ref {
				refOK++
			}
			if fast {
				fastOK++
			}
			if ref && !fast {
				t.Logf("possible=%v %s: accepted by libphonenumber, left to the parser by the fast path", possible, s)
			}
		}
		t.Logf("possible=%v: %d numbers, %d accepted by libphonenumber, %d of them by the fast path", possible, len(nums), refOK, fastOK)
		// The fast path must cover essentially everything: only national prefixes to strip
		// after the calling code are left to the parser.
		assert.GreaterOrEqual(t, float64(fastOK), 0.995*float64(refOK), "possible=%v", possible)
	}
}

// TestNormalizeAgreesWithFull checks that Normalize (fast path first) and NormalizeFull
// (parser only) give the same answer and the same cause on the whole corpus.
func TestNormalizeAgreesWithFull(t *testing.T) {
	nums := corpus(t, 1)
	step := 3
	if testing.Short() || raceEnabled {
		step = 25
	}
	nums = every(nums, step)
	for _, o := range []Options{{}, {Possible: true}, {DefaultRegion: "US"}} {
		for _, s := range nums {
			got, gc := Normalize(s, o)
			want, wc := NormalizeFull(s, o)
			if !assert.Equal(t, want, got, "%+v %s", o, s) || !assert.Equal(t, wc, gc, "%+v %s", o, s) {
				return
			}
		}
	}
}

// The tables of a calling code are built once even when first used concurrently.
func TestConcurrentFirstUse(t *testing.T) {
	e := &codeEntry{cc: 44}
	got := make(chan *callingCode, 8)
	for range 8 {
		go func() { got <- e.get() }()
	}
	first := <-got
	require.True(t, first.ok)
	for range 7 {
		assert.Same(t, first, <-got)
	}
}

// Every calling code compiles to automata; none is left to the parser wholesale.
func TestAllCallingCodesCompile(t *testing.T) {
	for cc := range phonenumbers.GetSupportedCallingCodes() {
		e := codes()[cc]
		require.NotNil(t, e, "calling code %d", cc)
		c := e.get()
		assert.True(t, c.ok, "calling code %d did not compile", cc)
	}
}

// The automaton agrees with Go's regexp on the library's own patterns, full and prefix.
func TestDFAMatchesRegexp(t *testing.T) {
	coll, err := phonenumbers.MetadataCollection()
	require.NoError(t, err)
	rng := rand.New(rand.NewPCG(3, 4))
	for _, md := range coll.GetMetadata() {
		var exprs []string
		for _, d := range descs(md) {
			exprs = append(exprs, d.GetNationalNumberPattern())
		}
		exprs = append(exprs, md.GetNationalPrefixForParsing(), md.GetLeadingDigits())
		for _, expr := range exprs {
			auto, err := buildDFA([]dfaPattern{{expr: expr}, {expr: expr, prefix: true}}, maxDFAStates)
			require.NoError(t, err, expr)
			full := regexp.MustCompile("^(?:" + expr + ")$")
			pre := regexp.MustCompile("^(?:" + expr + ")")
			inputs := []string{"", md.GetGeneralDesc().GetExampleNumber()}
			for range 20 {
				b := make([]byte, rng.IntN(14))
				for i := range b {
					b[i] = byte('0' + rng.IntN(10))
				}
				inputs = append(inputs, string(b))
			}
			for _, in := range inputs {
				m := auto.run(in)
				assert.Equal(t, full.MatchString(in), m&1 != 0, "%s full %q", expr, in)
				assert.Equal(t, pre.MatchString(in), m&2 != 0, "%s prefix %q", expr, in)
			}
		}
	}
}

func TestDFANonEmptyPrefixAndUnsupported(t *testing.T) {
	auto, err := buildDFA([]dfaPattern{{expr: "0?", prefix: true, nonEmpty: true}, {expr: "0?", prefix: true}}, 100)
	require.NoError(t, err)
	assert.Equal(t, uint16(2), auto.run(""))
	assert.Equal(t, uint16(2), auto.run("5"))
	assert.Equal(t, uint16(3), auto.run("05"))
	// "$" inside a prefix pattern, as in JP's national prefix for parsing.
	expr := `(000[2569]\d{2})$|(?:(?:0037)0?)|^0`
	auto, err = buildDFA([]dfaPattern{{expr: expr, prefix: true}, {expr: expr}, {expr: expr, prefix: true, nonEmpty: true}}, 100)
	require.NoError(t, err)
	pre, full := regexp.MustCompile("^(?:"+expr+")"), regexp.MustCompile("^(?:"+expr+")$")
	for _, in := range []string{"", "0", "00025", "000256", "0002567", "0037", "00370", "003701", "1", "000"} {
		m := auto.run(in)
		assert.Equal(t, pre.MatchString(in), m&1 != 0, "prefix %q", in)
		assert.Equal(t, full.MatchString(in), m&2 != 0, "full %q", in)
		assert.Equal(t, pre.MatchString(in) && in != "", m&4 != 0, "non-empty prefix %q", in)
	}
	_, err = buildDFA([]dfaPattern{{expr: `1\b`}}, 100)
	assert.ErrorIs(t, err, errUnsupported)
	_, err = buildDFA([]dfaPattern{{expr: `\d{8}[12]\d{8}`}}, 10)
	assert.ErrorIs(t, err, errTooBig)
	_, err = buildDFA([]dfaPattern{{expr: `(`}}, 10)
	assert.Error(t, err)
}

// BenchmarkBuildAllCallingCodes measures the one-time cost of compiling the tables of every
// calling code (normally spread over first uses, one code at a time).
func BenchmarkBuildAllCallingCodes(b *testing.B) {
	b.ReportAllocs()
	var ccs []int
	for cc := range phonenumbers.GetSupportedCallingCodes() {
		ccs = append(ccs, cc)
	}
	metadata()
	for b.Loop() {
		for _, cc := range ccs {
			if c := buildCallingCode(cc); !c.ok {
				b.Fatal(cc)
			}
		}
	}
}

// BenchmarkBuildCallingCode1 is the one-time cost of the largest single code, +1 (NANPA, 25
// regions), paid by the first +1 number.
func BenchmarkBuildCallingCode1(b *testing.B) {
	b.ReportAllocs()
	metadata()
	for b.Loop() {
		buildCallingCode(1)
	}
}

func BenchmarkFastPathValidUS(b *testing.B) {
	b.ReportAllocs()
	fastE164("+14155552671", false)
	for b.Loop() {
		if !fastE164("+14155552671", false) {
			b.Fatal()
		}
	}
}

func BenchmarkLibphonenumberParseIsValid(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		num, err := phonenumbers.Parse("+14155552671", "")
		if err != nil || !phonenumbers.IsValidNumber(num) {
			b.Fatal()
		}
	}
}

// TestFormattedInputAgreesWithFull: international input with separators takes the fast path
// after compaction, and gives exactly what the full parser gives, on libphonenumber's own
// INTERNATIONAL formatting of every example number and on random separators over the corpus.
func TestFormattedInputAgreesWithFull(t *testing.T) {
	nums := corpus(t, 1)
	step := 3
	if testing.Short() || raceEnabled {
		step = 25
	}
	rng := rand.New(rand.NewPCG(3, 4))
	var inputs []string
	for _, s := range every(nums, step) {
		if num, err := phonenumbers.Parse(s, ""); err == nil {
			inputs = append(inputs, phonenumbers.Format(num, phonenumbers.INTERNATIONAL))
		}
		b := []byte(s)
		var out []byte
		for i, c := range b {
			out = append(out, c)
			if i > 0 && i < len(b)-1 && rng.IntN(3) == 0 {
				out = append(out, " -."[rng.IntN(3)])
			}
		}
		inputs = append(inputs, string(out))
	}
	inputs = append(inputs, "+44 (0)20 7946 0958", "+1  415 555 2671", "+1 415 555 2671 ", "+ 1 415", "+1-415-555-2671-", "+852 9876 5432")
	fast := 0
	for _, o := range []Options{{}, {Possible: true}} {
		for _, s := range inputs {
			got, gc := Normalize(s, o)
			want, wc := NormalizeFull(s, o)
			if !assert.Equal(t, want, got, "%+v %q", o, s) || !assert.Equal(t, wc, gc, "%+v %q", o, s) {
				return
			}
			if c, ok := compactInternational(strings.TrimSpace(s)); ok && fastE164(c, o.Possible) {
				fast++
			}
		}
	}
	assert.Greater(t, fast, len(inputs)/4, "the fast path should serve most formatted valid numbers")
	t.Logf("%d formatted inputs x 2 options, %d served by the fast path", len(inputs), fast)
}
