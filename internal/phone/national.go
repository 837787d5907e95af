package phone

import (
	"strconv"
	"sync"

	"github.com/nyaruka/phonenumbers"
)

// National input with a default region ("(415) 555-2671" in US, "020 7946 0958" in GB, "9876
// 5432" in HK) takes a fast path too. When the input consists of ASCII digits and the
// separators space, "-", ".", "/", "(" and ")", libphonenumber's Parse(input, region) comes
// down to the steps below, which nationalStart repeats on the digits, with the region's
// international and national prefixes matched by prefixMatcher (regexp's leftmost-first
// semantics, prefix.go) and its general pattern by the automaton of fast.go:
//
//   - extractPossibleNumber and isViablePhoneNumber: input of this shape with three digits or
//     more is always viable; normalize then drops the separators. None of the extension
//     patterns can match without letters, "#", "~", "," or ";", and such input has no "+";
//   - maybeExtractCountryCode: when the region's international prefix (IDD: "011" in US, "00"
//     in GB) matches at the start and no 0 follows it, the number is read as international
//     ("0044 20 7946 0958" in DE): it is then "+" and the digits after the prefix, which the
//     E.164 fast path decides as it decides that input (a national prefix after the calling
//     code, "0044 (0)20 …", makes it decline). When the digits start with the region's
//     calling code ("1 415 555 2671" in US, "44 20 7946 0958" in GB) the code is taken off if
//     the rest, after stripping the national prefix, matches the region's general pattern and
//     the whole does not, or if the whole is too long for the region; the region is then the
//     code's main region (US for CA);
//   - maybeStripNationalPrefixAndCarrierCode: the region's national prefix for parsing (GB's
//     and DE's "0", JP's "0", the US's "1") is stripped unless that turns a number matching the
//     general pattern into one that does not; parseHelper keeps the stripped form only when
//     its length is possible for the region. Where the library would apply the region's
//     transform rule (the NANPA islands' seven-digit local numbers get their area code,
//     Argentina's mobile "15" and Brazil's carrier codes are rewritten) or extract a carrier
//     code (a capture group of the pattern took part in the match), the fast path declines;
//   - the national significant number must have 2 to 17 digits.
//
// The result is the E.164 form Parse would give, and the number is accepted exactly when the
// E.164 fast path accepts that form (fastE164), which is the first thing the full path asks
// of the parser's result too. Everything else (other characters, a region whose prefixes the
// matcher cannot run, any of the declines above) goes to the full parser. national_test.go
// checks both halves against libphonenumber: the E.164 form against Parse, the answer against
// NormalizeFull, on every region's example numbers of every type in national format with
// their near misses and wrong default regions.

// maxNationalDigits bounds the digits the national fast path looks at; longer input goes to
// the parser (a national significant number has at most 17 digits, plus a calling code and a
// national prefix).
const maxNationalDigits = 24

// nationalRegion is what the national fast path needs of one region's metadata.
type nationalRegion struct {
	ok        bool
	id        string
	cc        string         // the calling code, in digits
	reg       *region        // the region's automaton in its calling code's tables (general pattern at bitGeneral)
	idd       *prefixMatcher // the international prefix
	npfp      *prefixMatcher // the national prefix for parsing; nil when there is none
	transform string         // the national prefix transform rule
	lengths   lengthTest     // testNumberLength(·, region, UNKNOWN)
	mainID    string         // the main region of the calling code (US for CA)
}

type nationalEntry struct {
	id   string
	once sync.Once
	r    *nationalRegion
}

func (e *nationalEntry) get() *nationalRegion {
	e.once.Do(func() { e.r = buildNationalRegion(e.id) })
	return e.r
}

// nationalRegions indexes the supported regions by their two letters; it is filled once and
// never changed afterwards, each region's tables being built on first use.
var nationalRegions = sync.OnceValue(func() *[26 * 26]*nationalEntry {
	var t [26 * 26]*nationalEntry
	for id := range phonenumbers.GetSupportedRegions() {
		if i, ok := regionIndex(id); ok && id[0] <= 'Z' && id[1] <= 'Z' {
			t[i] = &nationalEntry{id: id}
		}
	}
	return &t
})

// regionIndex maps a two-letter region code, in either case, to its slot in nationalRegions.
func regionIndex(id string) (int, bool) {
	if len(id) != 2 {
		return 0, false
	}
	a, b := id[0]|0x20, id[1]|0x20 // ASCII lower case
	if a < 'a' || a > 'z' || b < 'a' || b > 'z' {
		return 0, false
	}
	return int(a-'a')*26 + int(b-'a'), true
}

func lookupNational(id string) *nationalRegion {
	i, ok := regionIndex(id)
	if !ok {
		return nil
	}
	e := nationalRegions()[i]
	if e == nil {
		return nil
	}
	if r := e.get(); r.ok {
		return r
	}
	return nil
}

// buildNationalRegion compiles the tables of region id; on any problem (or a panic) it returns
// one with ok false, which sends every national number of that region to the parser.
func buildNationalRegion(id string) (r *nationalRegion) {
	r = &nationalRegion{id: id}
	defer func() {
		if recover() != nil {
			r = &nationalRegion{id: id}
		}
	}()
	md := metadata().regions[id]
	if md == nil || md.GetGeneralDesc() == nil {
		return r
	}
	cc := int(md.GetCountryCode())
	if cc <= 0 || cc >= 1000 || codes()[cc] == nil {
		return r
	}
	code := codes()[cc].get()
	if !code.ok {
		return r
	}
	for _, reg := range code.regions {
		if reg.id == id {
			r.reg = reg
		}
	}
	if r.reg == nil {
		return r
	}
	gen := md.GetGeneralDesc()
	r.lengths = lengthTest{possible: gen.GetPossibleLength(), local: gen.GetPossibleLengthLocalOnly()}
	if len(r.lengths.possible) == 0 { // the library would index an empty slice; let it decide
		return r
	}
	var err error
	// An empty international prefix matches every number: compilePrefix("") is the empty
	// literal, which always declines, as it should (the library reads the number as
	// international).
	if r.idd, err = compilePrefix(md.GetInternationalPrefix()); err != nil {
		return r
	}
	if np := md.GetNationalPrefixForParsing(); np != "" {
		if r.npfp, err = compilePrefix(np); err != nil {
			return r
		}
	}
	r.transform = md.GetNationalPrefixTransformRule()
	r.cc = strconv.Itoa(cc)
	r.mainID = code.regions[0].id
	r.ok = true
	return r
}

func (r *nationalRegion) general(d []byte) bool {
	return r.reg.auto.runBytes(d)&(1<<bitGeneral) != 0
}

// stripNationalPrefix mirrors maybeStripNationalPrefixAndCarrierCode on the digits d: it
// returns how many leading digits the library strips. ok is false when the library would
// transform the number or extract a carrier code, or when the matcher cannot decide.
func (r *nationalRegion) stripNationalPrefix(d []byte) (n int, ok bool) {
	if len(d) == 0 || r.npfp == nil {
		return 0, true
	}
	var caps prefixCaps
	matched, end, decided := r.npfp.match(d, &caps)
	switch {
	case !decided:
		return 0, false
	case !matched:
		return 0, true
	}
	// The library transforms when there is a rule and the last group took part in the match
	// (with no groups at all, "the last group" is the whole match, which always does).
	if r.transform != "" && (r.npfp.groups == 0 || caps[2*r.npfp.groups] >= 0) {
		return 0, false
	}
	// A viable number is not stripped into one that no longer matches the general pattern.
	if r.general(d) && !r.general(d[end:]) {
		return 0, true
	}
	for g := 1; g <= r.npfp.groups; g++ {
		if caps[2*g] >= 0 { // a carrier code
			return 0, false
		}
	}
	return end, true
}

// nationalStart mirrors Parse(input, r) on the digits d of a national-format input: it
// returns how many leading digits are not part of the national significant number (a calling
// code and national prefix), so that the E.164 form is "+" + r.cc + d[n:]. When intl is true
// the number was written with the region's international prefix ("00 44 20 7946 0958" in
// DE): d[n:] follows it, and the parser reads "+" + d[n:] exactly as it reads that E.164
// form, which the E.164 fast path then decides. ok is false when the parser must decide.
func (r *nationalRegion) nationalStart(d []byte) (n int, intl, ok bool) {
	if len(d) < 3 { // isViablePhoneNumber: two digits only without separators; leave it
		return 0, false, false
	}
	// maybeExtractCountryCode: an international prefix at the start, not followed by a 0
	// (calling codes never start with one), makes the number international (parsePrefixAsIdd).
	var caps prefixCaps
	switch matched, end, decided := r.idd.match(d, &caps); {
	case !decided:
		return 0, false, false
	case matched && (end == len(d) || d[end] != '0'):
		if len(d)-end <= phonenumbers.MIN_LENGTH_FOR_NSN { // ErrTooShortAfterIDD
			return 0, false, false
		}
		return end, true, true
	}
	meta := r // the region whose national prefix and lengths apply from here on
	if len(d) >= len(r.cc) && string(d[:len(r.cc)]) == r.cc {
		rest := d[len(r.cc):]
		s, ok := r.stripNationalPrefix(rest)
		if !ok {
			return 0, false, false
		}
		fullValid, nationalValid := r.general(d), r.general(rest[s:])
		if !fullValid && nationalValid || r.lengths.test(len(d)) == phonenumbers.TOO_LONG {
			n = len(r.cc) + s
			if r.mainID != r.id {
				if meta = lookupNational(r.mainID); meta == nil || meta.cc != r.cc {
					return 0, false, false
				}
			}
		}
	}
	if len(d)-n < phonenumbers.MIN_LENGTH_FOR_NSN {
		return 0, false, false
	}
	// parseHelper: strip the national prefix when what remains has a possible length.
	s, ok := meta.stripNationalPrefix(d[n:])
	if !ok {
		return 0, false, false
	}
	switch meta.lengths.test(len(d) - n - s) {
	case phonenumbers.TOO_SHORT, phonenumbers.IS_POSSIBLE_LOCAL_ONLY, phonenumbers.INVALID_LENGTH:
	default:
		n += s
	}
	if l := len(d) - n; l < phonenumbers.MIN_LENGTH_FOR_NSN || l > maxNSN {
		return 0, false, false
	}
	return n, false, true
}

// nationalDigits collects the digits of t when t consists only of ASCII digits and the
// separators space, "-", ".", "/", "(" and ")"; ok is false for anything else.
func nationalDigits(t string, buf *[maxNationalDigits]byte) (d []byte, ok bool) {
	n := 0
	for i := 0; i < len(t); i++ {
		switch c := t[i]; c {
		case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
			if n == len(buf) {
				return nil, false
			}
			buf[n] = c
			n++
		case ' ', '-', '.', '/', '(', ')':
		default:
			return nil, false
		}
	}
	return buf[:n], true
}

// nationalE164 returns the E.164 form Parse(t, region) gives, when the fast path can tell.
// For a number written with the international prefix (intl), it is that form only when the
// E.164 fast path accepts it (otherwise the parser may still strip a national prefix after
// the calling code).
func nationalE164(t, region string) (e164 string, intl, ok bool) {
	if len(t) > 64 {
		return "", false, false
	}
	r := lookupNational(region)
	if r == nil {
		return "", false, false
	}
	var buf [maxNationalDigits]byte
	d, ok := nationalDigits(t, &buf)
	if !ok {
		return "", false, false
	}
	n, intl, ok := r.nationalStart(d)
	if !ok {
		return "", false, false
	}
	var out [1 + 3 + maxNationalDigits]byte
	out[0] = '+'
	k := 1
	if !intl {
		k += copy(out[1:], r.cc)
	}
	k += copy(out[k:], d[n:])
	return string(out[:k]), intl, true
}

// fastNational decides national input t (trimmed) in region under possible: it returns the
// E.164 form when the number is acceptable, and false whenever the full parser must decide.
func fastNational(t, region string, possible bool) (string, bool) {
	e164, _, ok := nationalE164(t, region)
	if !ok || !fastE164(e164, possible) {
		return "", false
	}
	return e164, true
}
