package phone

import (
	"regexp"
	"strings"
	"sync"

	"github.com/nyaruka/phonenumbers"
)

// The fast path decides numbers written in E.164 form ("+" then digits) without libphonenumber's
// parser. For every country calling code it compiles, once and on first use, the patterns of
// the library's own metadata into one automaton per region (see dfa.go), and then repeats the
// library's decision procedure step by step:
//
//   - Parse: the calling code is the first 1-3 digits that name a known code; the rest is the
//     national number, unless the national prefix for parsing of the code's main region strips
//     or transforms it (then the fast path gives up and the full parser decides);
//   - IsValidNumber: the region is the only one of the code, or the first in the library's
//     order whose leading digits match (or, without leading digits, whose patterns match); the
//     number is valid when it matches the region's general description and one of its types
//     (premium rate … voicemail, fixed line, mobile), each with its possible lengths;
//   - IsPossibleNumberWithReason == IS_POSSIBLE: the national number's length is a possible
//     length of the main region's general description (local-only lengths do not count).
//
// The fast path only ever answers "yes, and this is the E.164 form"; anything else (an
// invalid number, an unknown code, a national prefix to strip, a code whose patterns could not
// be compiled) goes to the full parser, so correctness never depends on it. fast_test.go checks
// it against IsValidNumber and IsPossibleNumberWithReason on every region's example numbers of every
// type and their near misses.

// Bits of a region's automaton mask: the descriptions in the order getNumberTypeHelper tries
// them, then the two prefix patterns.
const (
	bitGeneral = iota
	bitPremiumRate
	bitTollFree
	bitSharedCost
	bitVoip
	bitPersonal
	bitPager
	bitUAN
	bitVoicemail
	bitFixedLine
	bitMobile
	numDescs
	bitLeadingDigits = numDescs     // the region's leading digits match a prefix
	bitNationalPfx   = numDescs + 1 // the national prefix for parsing matches a non-empty prefix
)

const (
	maxNSN       = phonenumbers.MAX_LENGTH_FOR_NSN // 17
	maxDFAStates = 1 << 15
)

func descs(md *phonenumbers.PhoneMetadata) [numDescs]*phonenumbers.PhoneNumberDesc {
	return [numDescs]*phonenumbers.PhoneNumberDesc{
		md.GetGeneralDesc(), md.GetPremiumRate(), md.GetTollFree(), md.GetSharedCost(),
		md.GetVoip(), md.GetPersonalNumber(), md.GetPager(), md.GetUan(), md.GetVoicemail(),
		md.GetFixedLine(), md.GetMobile(),
	}
}

// region is the compiled form of one region's metadata.
type region struct {
	id         string
	auto       *dfa
	lenOK      [maxNSN + 1]uint16 // lenOK[n]: descriptions whose possible lengths admit n digits
	typeBits   uint16             // the descriptions that make a number valid (mobile only when it differs from fixed line)
	hasLeading bool               // the region has leading digits (used to pick it among a shared code's regions)
}

// known reports whether getNumberTypeHelper would return a type other than UNKNOWN for a
// national number of n digits whose automaton mask is m.
func (r *region) known(m uint16, n int) bool {
	m &= r.lenOK[n]
	return m&(1<<bitGeneral) != 0 && m&r.typeBits != 0
}

// callingCode is the compiled form of one country calling code.
type callingCode struct {
	ok      bool      // false: the fast path does not handle this code
	regions []*region // in the library's order; regions[0] is the main region (or "001")

	possible [maxNSN + 1]bool // IsPossibleNumberWithReason is IS_POSSIBLE for n digits (local-only lengths excluded)

	// National prefix for parsing of the main region, as maybeStripNationalPrefixAndCarrierCode
	// uses it. Only consulted when the automaton says it matches a non-empty prefix, or when
	// its empty match would transform the number (emptyMatchChanges).
	npfp              *regexp.Regexp
	general           *regexp.Regexp // "^(?:general)$" of the main region
	transform         string
	emptyMatchChanges bool
	lengths           lengthTest // testNumberLength(·, main, UNKNOWN)
}

// lengthTest holds what testNumberLength needs for the UNKNOWN type.
type lengthTest struct {
	possible, local []int32
}

// test mirrors phonenumbers' testNumberLength(number, metadata, UNKNOWN).
func (lt *lengthTest) test(n int) phonenumbers.ValidationResult {
	if len(lt.possible) == 0 || lt.possible[0] == -1 {
		return phonenumbers.INVALID_LENGTH
	}
	l := int32(n)
	for _, x := range lt.local {
		if x == l {
			return phonenumbers.IS_POSSIBLE_LOCAL_ONLY
		}
	}
	switch {
	case lt.possible[0] == l:
		return phonenumbers.IS_POSSIBLE
	case lt.possible[0] > l:
		return phonenumbers.TOO_SHORT
	case lt.possible[len(lt.possible)-1] < l:
		return phonenumbers.TOO_LONG
	}
	for _, x := range lt.possible[1:] {
		if x == l {
			return phonenumbers.IS_POSSIBLE
		}
	}
	return phonenumbers.INVALID_LENGTH
}

// codeEntry is the lazily built table of one calling code.
type codeEntry struct {
	cc   int
	once sync.Once
	c    *callingCode
}

func (e *codeEntry) get() *callingCode {
	e.once.Do(func() { e.c = buildCallingCode(e.cc) })
	return e.c
}

// codes indexes the supported calling codes; it is filled once and never changed afterwards.
var codes = sync.OnceValue(func() *[1000]*codeEntry {
	var t [1000]*codeEntry
	add := func(cc int) {
		if cc > 0 && cc < 1000 && t[cc] == nil {
			t[cc] = &codeEntry{cc: cc}
		}
	}
	for cc := range phonenumbers.GetSupportedCallingCodes() {
		add(cc)
	}
	for cc := range phonenumbers.GetSupportedGlobalNetworkCallingCodes() {
		add(cc)
	}
	return &t
})

// metadataByRegion indexes the library's already loaded metadata by region ("001" entries by
// calling code); it is built once and never changed afterwards.
type metadataIndex struct {
	regions map[string]*phonenumbers.PhoneMetadata
	nonGeo  map[int]*phonenumbers.PhoneMetadata
}

var metadata = sync.OnceValue(func() *metadataIndex {
	ix := &metadataIndex{regions: map[string]*phonenumbers.PhoneMetadata{}, nonGeo: map[int]*phonenumbers.PhoneMetadata{}}
	coll, err := phonenumbers.MetadataCollection() // the collection the library loaded at init
	if err != nil {
		return ix
	}
	for _, md := range coll.GetMetadata() {
		if md.GetId() == "001" {
			ix.nonGeo[int(md.GetCountryCode())] = md
		} else {
			ix.regions[md.GetId()] = md
		}
	}
	return ix
})

func (ix *metadataIndex) lookup(cc int, regionID string) *phonenumbers.PhoneMetadata {
	if regionID == "001" {
		return ix.nonGeo[cc]
	}
	return ix.regions[regionID]
}

// buildCallingCode compiles the tables for cc; on any problem it returns a callingCode with ok
// false, which sends every number with that code to the full parser.
func buildCallingCode(cc int) (c *callingCode) {
	c = &callingCode{}
	defer func() {
		if recover() != nil {
			c = &callingCode{}
		}
	}()
	ids := phonenumbers.GetRegionCodesForCountryCode(cc)
	if len(ids) == 0 {
		return c
	}
	ix := metadata()
	var main *phonenumbers.PhoneMetadata
	for i, id := range ids {
		md := ix.lookup(cc, id)
		if md == nil || int(md.GetCountryCode()) != cc {
			return &callingCode{}
		}
		if i == 0 {
			main = md
		}
		r, ok := buildRegion(id, md, i == 0)
		if !ok {
			return &callingCode{}
		}
		c.regions = append(c.regions, r)
	}

	// IsPossibleNumberWithReason, for every national number length.
	gen := main.GetGeneralDesc()
	if gen == nil {
		return &callingCode{}
	}
	c.lengths = lengthTest{possible: gen.GetPossibleLength(), local: gen.GetPossibleLengthLocalOnly()}
	if len(c.lengths.possible) == 0 { // the library would index an empty slice; let it decide
		return &callingCode{}
	}
	for n := 0; n <= maxNSN; n++ {
		if gen.GetNationalNumberPattern() == "" {
			c.possible[n] = n >= phonenumbers.MIN_LENGTH_FOR_NSN && n <= maxNSN
			continue
		}
		c.possible[n] = c.lengths.test(n) == phonenumbers.IS_POSSIBLE
	}

	// The national prefix for parsing, as parseHelper applies it to a number given with "+".
	if np := main.GetNationalPrefixForParsing(); np != "" {
		var err error
		if c.npfp, err = regexp.Compile("^(?:" + np + ")"); err != nil {
			return &callingCode{}
		}
		if c.general, err = regexp.Compile("^(?:" + gen.GetNationalNumberPattern() + ")$"); err != nil {
			return &callingCode{}
		}
		c.transform = main.GetNationalPrefixTransformRule()
		// When only the empty prefix of a number matches, that match is one the empty string
		// has too (a "$" aside), so its groups are known now: it changes the number only if a
		// transform rule applies to them. With a "$" in the pattern, assume it may.
		if loc := c.npfp.FindStringSubmatchIndex(""); loc != nil {
			last := len(loc)/2 - 1
			c.emptyMatchChanges = c.transform != "" && (loc[last*2] >= 0 || strings.Contains(np, "$"))
		}
	}
	c.ok = true
	return c
}

func buildRegion(id string, md *phonenumbers.PhoneMetadata, main bool) (*region, bool) {
	r := &region{id: id}
	pats := make([]dfaPattern, 0, numDescs+2)
	for i, d := range descs(md) {
		if d == nil { // the library would dereference it; let it decide
			return nil, false
		}
		pats = append(pats, dfaPattern{expr: d.GetNationalNumberPattern()})
		lengths := d.GetPossibleLength()
		for n := 0; n <= maxNSN; n++ {
			ok := len(lengths) == 0
			for _, l := range lengths {
				if int(l) == n {
					ok = true
				}
			}
			if ok {
				r.lenOK[n] |= 1 << i
			}
		}
	}
	r.typeBits = (1<<numDescs - 1) &^ (1 << bitGeneral)
	if md.GetSameMobileAndFixedLinePattern() {
		r.typeBits &^= 1 << bitMobile
	}
	// Unused prefix slots get a pattern that cannot match a digit.
	ld, np := `[^\d\D]`, `[^\d\D]`
	if md.GetLeadingDigits() != "" {
		r.hasLeading = true
		ld = md.GetLeadingDigits()
	}
	if main && md.GetNationalPrefixForParsing() != "" {
		np = md.GetNationalPrefixForParsing()
	}
	pats = append(pats,
		dfaPattern{expr: ld, prefix: true},
		dfaPattern{expr: np, prefix: true, nonEmpty: true})
	auto, err := buildDFA(pats, maxDFAStates)
	if err != nil {
		return nil, false
	}
	r.auto = auto
	return r, true
}

// lookupCode splits the digits after "+" into a calling code and a national number the way
// extractCountryCode does.
func lookupCode(digits string) (*callingCode, string, bool) {
	if len(digits) == 0 || digits[0] == '0' {
		return nil, "", false
	}
	t := codes()
	cc := 0
	for i := 0; i < 3 && i < len(digits); i++ {
		cc = cc*10 + int(digits[i]-'0')
		if e := t[cc]; e != nil {
			return e.get(), digits[i+1:], true
		}
	}
	return nil, "", false
}

// fastE164 decides s when it is "+" followed by ASCII digits and the number is acceptable
// under o. It returns false whenever the full parser must decide.
func fastE164(s string, possible bool) bool {
	if len(s) < 4 || s[0] != '+' {
		return false
	}
	digits := s[1:]
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return false
		}
	}
	c, nsn, ok := lookupCode(digits)
	if !ok || !c.ok {
		return false
	}
	n := len(nsn)
	if n < phonenumbers.MIN_LENGTH_FOR_NSN || n > maxNSN {
		return false
	}
	mainMask := c.regions[0].auto.run(nsn)
	if c.npfp != nil && (mainMask&(1<<bitNationalPfx) != 0 || c.emptyMatchChanges) {
		if c.stripsNationalPrefix(nsn) {
			return false
		}
	}
	if possible {
		return c.possible[n]
	}
	if len(c.regions) == 1 {
		return c.regions[0].known(mainMask, n)
	}
	// getRegionCodeForNumberFromRegionList, then IsValidNumberForRegion.
	for i, r := range c.regions {
		m := mainMask
		if i > 0 {
			m = r.auto.run(nsn)
		}
		if r.hasLeading {
			if m&(1<<bitLeadingDigits) != 0 {
				return r.known(m, n)
			}
			continue
		}
		if r.known(m, n) {
			return true
		}
	}
	return false
}

// stripsNationalPrefix reports whether parseHelper would replace the national number nsn (given
// after "+" and the calling code) by a different one: it mirrors
// maybeStripNationalPrefixAndCarrierCode followed by parseHelper's length test.
func (c *callingCode) stripsNationalPrefix(nsn string) bool {
	loc := c.npfp.FindStringSubmatchIndex(nsn)
	if loc == nil {
		return false
	}
	viable := c.general.MatchString(nsn)
	last := len(loc)/2 - 1
	var potential string
	if c.transform == "" || loc[last*2] < 0 {
		if viable && !c.general.MatchString(nsn[loc[1]:]) {
			return false
		}
		potential = nsn[loc[1]:]
	} else {
		potential = c.npfp.ReplaceAllString(nsn, c.transform)
		if viable && !c.general.MatchString(potential) {
			return false
		}
	}
	if potential == nsn {
		return false
	}
	switch c.lengths.test(len(potential)) {
	case phonenumbers.TOO_SHORT, phonenumbers.IS_POSSIBLE_LOCAL_ONLY, phonenumbers.INVALID_LENGTH:
		return false
	}
	return true
}
