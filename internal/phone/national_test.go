package phone

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/nyaruka/phonenumbers"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sortedRegions returns the supported regions in order.
func sortedRegions() []string {
	var ids []string
	for id := range phonenumbers.GetSupportedRegions() {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// parseE164 is what libphonenumber's Parse gives for t in region, as E.164.
func parseE164(t, region string) (e164 string, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	num, err := phonenumbers.Parse(t, region)
	if err != nil {
		return "", false
	}
	return phonenumbers.Format(num, phonenumbers.E164), true
}

// nationalCase is one input of the national differential test.
type nationalCase struct {
	in, region, kind string // kind: example (in its own region's national format), near miss, wrong region, random, odd
}

// nationalCorpus returns every example number of every description of every region, in the
// region's NATIONAL format with that region as default, and near misses: separators changed
// or removed, one digit more, one less, the last and the first significant digit changed to
// every value, the national prefix dropped or doubled, the calling code written in front
// without "+" (with and without the national prefix), the international prefix in front; the
// formatted number and its digits also go with wrong default regions (every other region of
// the calling code, a fixed set of large regions, and the next region in order).
func nationalCorpus(t testing.TB) []nationalCase {
	ix := metadata()
	regions := sortedRegions()
	seen := map[[2]string]bool{}
	var cases []nationalCase
	add := func(in, region, kind string) {
		k := [2]string{in, region}
		if in == "" || seen[k] {
			return
		}
		seen[k] = true
		cases = append(cases, nationalCase{in: in, region: region, kind: kind})
	}
	wrong := []string{"US", "GB", "DE", "JP", "CN", "IN", "BR", "HK", "FR", "RU", "AR", "AG"}
	for ri, region := range regions {
		md := ix.regions[region]
		require.NotNil(t, md, region)
		cc := int(md.GetCountryCode())
		np := md.GetNationalPrefix()
		ds := descs(md)
		all := append(ds[:], md.GetNoInternationalDialling(), md.GetStandardRate(), md.GetCarrierSpecific(), md.GetSmsServices(), md.GetEmergency(), md.GetShortCode())
		for _, desc := range all {
			ex := desc.GetExampleNumber()
			if ex == "" {
				continue
			}
			num, err := phonenumbers.Parse(ex, region) // as GetExampleNumberForType does
			if err != nil {
				continue
			}
			f := phonenumbers.Format(num, phonenumbers.NATIONAL)
			add(f, region, "example")
			digits := phonenumbers.NormalizeDigitsOnly(f)
			nsn := phonenumbers.GetNationalSignificantNumber(num)
			variants := []string{digits, strings.ReplaceAll(f, " ", "-"), strings.ReplaceAll(f, " ", "."),
				"(" + f + ")", " " + f + " ", strings.ReplaceAll(f, " ", "/")}
			if len(digits) > 1 {
				variants = append(variants, f[:len(f)-1], digits[1:])
			}
			for d := byte('0'); d <= '9'; d++ {
				ds := string(d)
				variants = append(variants, f+ds, ds+f, f[:len(f)-1]+ds)
				// The first significant digit changed: after the national prefix when there is one.
				if i := strings.Index(f, nsn[:1]); i >= 0 {
					variants = append(variants, f[:i]+ds+f[i+1:])
				}
			}
			if np != "" {
				if strings.HasPrefix(digits, np) {
					variants = append(variants, digits[len(np):], strings.TrimLeft(f[len(np):], " -"))
				}
				variants = append(variants, np+f, np+np+f, np+" "+f)
			}
			c := strconv.Itoa(cc)
			variants = append(variants, c+" "+f, c+nsn, c+" "+nsn, c+np+nsn, c+c+nsn)
			if idd := md.GetPreferredInternationalPrefix(); idd != "" {
				variants = append(variants, idd+" "+c+" "+nsn)
			} else if isDigitString(md.GetInternationalPrefix()) {
				variants = append(variants, md.GetInternationalPrefix()+" "+c+" "+nsn)
			}
			for _, v := range variants {
				add(v, region, "near miss")
			}
			// Wrong default regions.
			others := append([]string{regions[(ri+1)%len(regions)]}, wrong...)
			others = append(others, phonenumbers.GetRegionCodesForCountryCode(cc)...)
			for _, o := range others {
				if o != region && o != "001" {
					add(f, o, "wrong region")
					add(digits, o, "wrong region")
				}
			}
		}
	}
	// Random digits of every length in every region, bare and after the region's national
	// prefix, calling code and international prefix.
	rng := rand.New(rand.NewPCG(7, 8))
	for _, region := range regions {
		md := ix.regions[region]
		c := strconv.Itoa(int(md.GetCountryCode()))
		idd := md.GetPreferredInternationalPrefix()
		if idd == "" && isDigitString(md.GetInternationalPrefix()) {
			idd = md.GetInternationalPrefix()
		}
		for n := 1; n <= 18; n++ {
			r := randomDigits(rng, n)
			add(r, region, "random")
			add(md.GetNationalPrefix()+r, region, "random")
			add(c+r, region, "random")
			add(idd+r, region, "random")
		}
	}
	// Regions written in lower case, unknown and malformed ones, and odd shapes.
	add("(415) 555-2671", "us", "odd")
	add("020 7946 0958", "gB", "odd")
	add("020 7946 0958", "XX", "odd")
	add("020 7946 0958", "G", "odd")
	add("020 7946 0958", "GBR", "odd")
	add("020 7946 0958", "001", "odd")
	add("02", "GB", "odd")
	add("0 2", "GB", "odd")
	add("123", "US", "odd")
	add("((415)) 555--2671..", "US", "odd")
	add("-415 555 2671-", "US", "odd")
	add(strings.Repeat("1", 30), "US", "odd")
	add(strings.Repeat("0", 30), "GB", "odd")
	return cases
}

// TestNationalFastPathMatchesFull is the differential test of the national fast path:
// wherever nationalE164 answers, libphonenumber's Parse gives that E.164 form; wherever the
// fast path accepts a number, the full path (NormalizeFull) accepts it with the same result;
// and Normalize answers exactly as NormalizeFull. It reports how much the fast path covers.
func TestNationalFastPathMatchesFull(t *testing.T) {
	cases := nationalCorpus(t)
	kinds := map[string]int{}
	for _, c := range cases {
		kinds[c.kind]++
	}
	require.Greater(t, kinds["example"], 800)
	require.Greater(t, kinds["near miss"], 20000)
	// A sample under -short, and a smaller one under the race detector, which only slows this
	// single-threaded test.
	step := 1
	if testing.Short() {
		step = 7
	}
	if raceEnabled {
		step = 20
	}
	if step > 1 {
		var sample []nationalCase
		for i := 0; i < len(cases); i += step {
			sample = append(sample, cases[i])
		}
		cases = sample
	}
	var answered int
	for _, c := range cases {
		e, intl, ok := nationalE164(c.in, c.region)
		if !ok || intl && !fastE164(e, false) && !fastE164(e, true) {
			continue
		}
		answered++
		if want, ok := parseE164(c.in, strings.ToUpper(c.region)); !ok || want != e {
			t.Errorf("%s %q: national fast path reads %s, Parse gives %q (ok %v)", c.region, c.in, e, want, ok)
		}
	}
	t.Logf("%d inputs %v; the national E.164 form is computed for %d, each checked against Parse", len(cases), kinds, answered)

	for _, possible := range []bool{false, true} {
		type count struct{ n, fast, full, fullOnly int }
		counts := map[string]*count{}
		for i, c := range cases {
			o := Options{DefaultRegion: c.region, Possible: possible}
			want, wc := NormalizeFull(c.in, o)
			fast, ok := FastPath(c.in, o)
			if ok && (wc != nil || fast != want) {
				t.Errorf("%+v %q: fast path gives %s, the full path %q %v", o, c.in, fast, want, wc)
			}
			if i%5 == 0 { // Normalize itself, on a sample (it is FastPath, then NormalizeFull)
				got, gc := Normalize(c.in, o)
				assert.Equal(t, want, got, "%+v %q", o, c.in)
				assert.Equal(t, wc, gc, "%+v %q", o, c.in)
			}
			k := counts[c.kind]
			if k == nil {
				k = &count{}
				counts[c.kind] = k
			}
			k.n++
			if ok {
				k.fast++
			}
			if wc == nil {
				k.full++
				if !ok {
					k.fullOnly++
					if c.kind == "example" {
						t.Logf("possible=%v %s %q: accepted by the full path (%s), left to it by the fast path", possible, c.region, c.in, want)
					}
				}
			}
		}
		for _, kind := range []string{"example", "near miss", "wrong region", "random", "odd"} {
			k := counts[kind]
			if k == nil {
				continue
			}
			t.Logf("possible=%v %s: %d inputs, the fast path accepts %d and declines %d; the full path accepts %d, %d of them declined by the fast path",
				possible, kind, k.n, k.fast, k.n-k.fast, k.full, k.fullOnly)
		}
		// Among the example numbers only transform rules and carrier codes are left to the
		// parser.
		if ex := counts["example"]; ex != nil {
			assert.GreaterOrEqual(t, float64(ex.fast), 0.95*float64(ex.full), "possible=%v", possible)
		}
	}
}

// The fast path declines on purpose: these go to the parser (which may accept them).
func TestNationalFastPathDeclines(t *testing.T) {
	for _, c := range []struct{ in, region, why string }{
		{"(415) 555-2671 ext. 123", "US", "extension"},
		{"(415) 555-2671 x123", "US", "extension"},
		{"1-800-FLOWERS", "US", "letters"},
		{"0044 0 20 7946 0958", "DE", "international prefix, then a national prefix the parser strips"},
		{"00", "GB", "international prefix alone"},
		{"00 1", "GB", "international prefix, too short after it"},
		{"460 1234", "AG", "transform rule: a seven-digit local number gets its area code"},
		{"011 15-2345-6789", "AR", "transform rule: Argentina's mobile 15"},
		{"0 21 11 2345-6789", "BR", "transform rule: Brazil's carrier code"},
		{"12593 10 1234 5678", "CN", "carrier code"},
		{"０２０ ７９４６ ０９５８", "GB", "full-width digits"},
		{"020\u00a07946\u00a00958", "GB", "no-break spaces"},
		{"+44 20 7946 0958", "GB", "a + (the E.164 path's business)"},
		{"020 7946 0958", "XX", "unknown region"},
		{"020 7946 0958", "", "no region"},
		{"02", "GB", "two digits"},
		{strings.Repeat("1", 25), "US", "too many digits"},
		{"tel:020-7946-0958", "GB", "tel: prefix"},
	} {
		o := Options{DefaultRegion: c.region}
		if !strings.HasPrefix(c.in, "+") {
			_, ok := FastPath(c.in, o)
			assert.False(t, ok, "%s %q: %s", c.region, c.in, c.why)
			_, ok = FastPath(c.in, Options{DefaultRegion: c.region, Possible: true})
			assert.False(t, ok, "%s %q: %s", c.region, c.in, c.why)
		}
		got, gc := Normalize(c.in, o)
		want, wc := NormalizeFull(c.in, o)
		assert.Equal(t, want, got, c.in)
		assert.Equal(t, wc, gc, c.in)
	}
}

func TestNationalFastPathAccepts(t *testing.T) {
	for _, c := range []struct{ in, region, want string }{
		{"(415) 555-2671", "US", "+14155552671"},
		{"1 415 555 2671", "US", "+14155552671"}, // the calling code in front, without +
		{"415.555.2671", "us", "+14155552671"},
		{"(204) 555-0123", "CA", "+12045550123"},
		{"(415) 555-2671", "CA", "+14155552671"}, // a US number with CA as default: +1 all the same
		{"9876 5432", "HK", "+85298765432"},
		{"020 7946 0958", "GB", "+442079460958"},
		{"20 7946 0958", "GB", "+442079460958"},    // national prefix dropped
		{"44 20 7946 0958", "GB", "+442079460958"}, // calling code in front
		{"030 123456", "DE", "+4930123456"},
		{"03-1234-5678", "JP", "+81312345678"},
		{"010 1234 5678", "CN", "+861012345678"},
		{"081234 56789", "IN", "+918123456789"},
		{"(11) 96123-4567", "BR", "+5511961234567"},
		{"02 1234 5678", "IT", "+390212345678"}, // Italy keeps its leading zero
		{"8 (912) 345-67-89", "RU", "+79123456789"},
		{"011 44 20 7946 0958", "US", "+442079460958"}, // the international prefix
		{"0044 20 7946 0958", "DE", "+442079460958"},
		{"00 852 9876 5432", "GB", "+85298765432"},
	} {
		o := Options{DefaultRegion: c.region}
		got, ok := FastPath(c.in, o)
		assert.True(t, ok, "%s %q", c.region, c.in)
		assert.Equal(t, c.want, got, "%s %q", c.region, c.in)
		want, wc := NormalizeFull(c.in, o)
		assert.Nil(t, wc, c.in)
		assert.Equal(t, want, got, c.in)
	}
}

// The national tables of every region compile; regions left wholly to the parser are listed.
func TestNationalRegionsCompile(t *testing.T) {
	var off []string
	for _, id := range sortedRegions() {
		if lookupNational(id) == nil {
			off = append(off, id)
		}
	}
	assert.Empty(t, off, "regions without national tables")
	assert.Nil(t, lookupNational("ZZ"))
	assert.Nil(t, lookupNational("001"))
	assert.Same(t, lookupNational("GB"), lookupNational("gb"))
}

// FuzzNationalFastPath: on any input and default region, the national E.164 form agrees with
// Parse when the fast path computes it, a fast-path acceptance is the full path's answer, and
// Normalize answers exactly as NormalizeFull.
func FuzzNationalFastPath(f *testing.F) {
	regions := sortedRegions()
	index := func(id string) byte { return byte(slices.Index(regions, id)) }
	for _, c := range nationalBenches {
		f.Add(c.in, index(c.region))
	}
	for _, s := range []struct{ in, region string }{{"1 415 555 2671", "US"}, {"44 20 7946 0958", "GB"}, {"460 1234", "AG"},
		{"011 15-2345-6789", "AR"}, {"0 21 11 2345-6789", "BR"}, {"8 (912) 345-67-89", "RU"}, {"02 1234 5678", "IT"},
		{"0120-123-456", "JP"}, {"00025 123456", "JP"}, {"180020 1234", "GB"}} {
		f.Add(s.in, index(s.region))
	}
	f.Fuzz(func(t *testing.T, s string, r byte) {
		region := regions[int(r)%len(regions)]
		if e, intl, ok := nationalE164(strings.TrimSpace(s), region); ok && (!intl || fastE164(e, false) || fastE164(e, true)) {
			if want, ok := parseE164(strings.TrimSpace(s), region); !ok || want != e {
				t.Fatalf("%s %q: national fast path reads %s, Parse gives %q (ok %v)", region, s, e, want, ok)
			}
		}
		for _, possible := range []bool{false, true} {
			o := Options{DefaultRegion: region, Possible: possible}
			want, wc := NormalizeFull(s, o)
			if fast, ok := FastPath(s, o); ok && (wc != nil || fast != want) {
				t.Fatalf("%+v %q: fast path gives %s, the full path %q %v", o, s, fast, want, wc)
			}
			got, gc := Normalize(s, o)
			if got != want || (gc == nil) != (wc == nil) || (gc != nil && gc.Details.Message != wc.Details.Message) {
				t.Fatalf("%+v %q: Normalize %q %v, full %q %v", o, s, got, gc, want, wc)
			}
		}
	})
}
