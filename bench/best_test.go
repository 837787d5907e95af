package bench

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/go-playground/validator/v10"
	"github.com/nyaruka/phonenumbers"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The best-configured engines change how the work is done, never what is accepted. These tests
// check that claim piece by piece, beyond TestEnginesAgree (which runs them on every document):
// the cached zone check against time.LoadLocation, checkPhoneBest against checkPhone, bOpt's
// decoding against Opt's, and vPatchBest's tags against vPatch's.

// zoneEdgeNames are names where time.LoadLocation's answer is not obvious: links, the names it
// maps without a file ("", "UTC", "Local"), files that are not zones, path spellings.
var zoneEdgeNames = []string{
	"", "UTC", "utc", "Local", "local", "LOCAL", "lOcAl", "localtime", "Etc/UTC", "Etc/GMT+5",
	"Etc/GMT-14", "GMT", "GMT+0", "GMT0", "Zulu", "UCT", "Universal", "EST5EDT", "EST",
	"US/Pacific", "US/Eastern", "Asia/Calcutta", "Asia/Kolkata", "Europe/Kiev", "Europe/Kyiv",
	"America/Buenos_Aires", "America/Argentina/Buenos_Aires", "America/Indiana/Indianapolis",
	"Europe/Paris", "europe/paris", "EUROPE/PARIS", "Europe/Paris/", "Europe/./Paris",
	"Europe//Paris", "./UTC", "../zoneinfo/UTC", "/usr/share/zoneinfo/UTC", "Europe\\Paris",
	"Europe/Paris\x00", " Europe/Paris", "Europe/Paris ", "posixrules", "Factory", "right/UTC",
	"posix/Europe/Paris", "America", "Europe", "zone.tab", "zone1970.tab", "iso3166.tab",
	"tzdata.zi", "leap-seconds.list", "leapseconds", "Mars/Olympus_Mons", "Antarctica/Troll",
	"Pacific/Kiritimati", "Asia/Kathmandu", "Australia/Lord_Howe", "America/Los_Angeles",
}

// referenceZoneNames are the zoneinfo values of the reference updates and of every document
// of the agreement tests.
func referenceZoneNames(t *testing.T) []string {
	t.Helper()
	ref := loadRef(t)
	docs := [][]byte{ref.Update, ref.UpdateInvalid, ref.Current}
	for _, d := range validDocs {
		docs = append(docs, []byte(d))
	}
	for _, d := range invalidDocs {
		docs = append(docs, []byte(d))
	}
	var names []string
	for _, d := range docs {
		var m map[string]any
		if json.Unmarshal(d, &m) != nil {
			continue
		}
		if z, ok := m["zoneinfo"].(string); ok {
			names = append(names, z)
		}
	}
	require.Contains(t, names, "America/Los_Angeles")
	return names
}

// zoneinfoFiles are the paths of every file under /usr/share/zoneinfo, relative to it (none
// when the machine has no tz files; LoadLocation then uses another source).
func zoneinfoFiles(t *testing.T) []string {
	t.Helper()
	const root = "/usr/share/zoneinfo"
	var names []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(root, path)
		names = append(names, rel)
		return err
	})
	if os.IsNotExist(err) {
		return nil
	}
	require.NoError(t, err)
	return names
}

// TestZoneCacheAgrees checks that the cached zone check answers as time.LoadLocation does
// (through checkZoneinfo and validator's built-in timezone tag), on a cache miss and on the hit
// that follows, for the reference names, the edge cases and every file of the tz directory.
func TestZoneCacheAgrees(t *testing.T) {
	names := slices.Concat(zoneEdgeNames, referenceZoneNames(t), zoneinfoFiles(t))
	plain := validator.New()
	vb, err := NewValidatorBest(loadRef(t))
	require.NoError(t, err)
	js, err := NewJSONSchemaBest(loadRef(t))
	require.NoError(t, err)
	var c zoneCache
	accepted := map[string]bool{}
	for _, name := range names {
		want := checkZoneinfo(name) == nil
		require.Equal(t, want, plain.Var(name, "timezone") == nil, "validator's timezone and checkZoneinfo disagree on %q", name)
		for _, pass := range []string{"miss", "hit"} {
			assert.Equal(t, want, c.check(name) == nil, "%s: zoneCache on %q", pass, name)
			assert.Equal(t, want, vb.validate.Var(name, "timezone") == nil, "%s: validator_best's timezone on %q", pass, name)
			assert.Equal(t, want, js.zones.check(name) == nil, "%s: jsonschema_best's zones on %q", pass, name)
		}
		if want {
			accepted[name] = true
		}
	}
	// Only accepted names are kept, once each.
	assert.Equal(t, len(accepted), c.len())
	assert.Equal(t, len(accepted), vb.zones.len())
	for _, name := range names {
		_, cached := c.ok.Load(name)
		assert.Equal(t, accepted[name], cached, "%q cached", name)
	}
	assert.Contains(t, accepted, "America/Los_Angeles")
	assert.Contains(t, accepted, "US/Pacific", "a link")
	assert.NotContains(t, accepted, "Local")
	assert.NotContains(t, accepted, "")
}

// TestZoneCacheEnginesAgree runs the zone names through the whole pipeline: each best engine
// accepts {"zoneinfo": name} exactly when its plain counterpart does.
func TestZoneCacheEnginesAgree(t *testing.T) {
	es := engines(t)
	for _, name := range slices.Concat(zoneEdgeNames, referenceZoneNames(t)) {
		doc, err := json.Marshal(map[string]string{"zoneinfo": name})
		require.NoError(t, err)
		for pass := range 2 { // the second pass hits the caches
			v := verdicts(t, es, string(doc))
			assert.Equal(t, v["jsonschema"], v["jsonschema_best"], "pass %d: %s", pass, doc)
			assert.Equal(t, v["validator"], v["validator_best"], "pass %d: %s", pass, doc)
		}
	}
}

// TestZoneCacheFull checks the bound: a full cache stores nothing more and still answers as
// LoadLocation does.
func TestZoneCacheFull(t *testing.T) {
	var c zoneCache
	c.n.Store(zoneCacheMax)
	for _, name := range zoneEdgeNames {
		assert.Equal(t, checkZoneinfo(name) == nil, c.check(name) == nil, name)
	}
	assert.Equal(t, zoneCacheMax, c.len())
	_, cached := c.ok.Load("Europe/Paris")
	assert.False(t, cached)
}

// TestZoneCacheConcurrent is the cache under concurrent use (run with -race).
func TestZoneCacheConcurrent(t *testing.T) {
	var c zoneCache
	names := []string{"Europe/Paris", "America/Los_Angeles", "US/Pacific", "Mars/Olympus_Mons", "", "UTC", "Asia/Tokyo"}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				for _, name := range names {
					assert.Equal(t, checkZoneinfo(name) == nil, c.check(name) == nil, name)
				}
			}
		})
	}
	wg.Wait()
	assert.Equal(t, 5, c.len()) // all but "" and Mars/Olympus_Mons
}

// phoneEdgeValues are phone values around E.164: the reference's, the ones of the known
// leniencies, national and formatted forms, non-ASCII digits and plus signs, extensions.
var phoneEdgeValues = []string{
	"+14155552671", "14155552671", "+1415555267", "+141555526711", "+999123456789",
	"+1 415 555 2671", "+1-415-555-2671", "415-555-2671", "(415) 555-2671", "+1415CALLME",
	"+", "", "+0", "+00", "+1", "++14155552671", "+0014155552671", "tel:+14155552671",
	"+14155552671 ext. 123", "+14155552671;ext=123", "+14155552671x123", " +14155552671",
	"+14155552671 ", "\uff0b14155552671", "+1415555267\uff11", "+\u0661\u0664\u0661\u0665",
	"+442079460958", "+44 20 7946 0958", "+4402079460958", "+33612345678", "+330612345678",
	"+390612345678", "+39061234567890", "+79161234567", "+8613800138000", "+61412345678",
	"+12423570000", "+16135550123", "+18765550123", "+80012345678", "+8001234567",
	"+882100000000", "+979123456789", "+2250123456789", "+225 01 23 45 67 89",
	"+123456789012345678", "+1234567890123456789012345",
}

// phoneValues are the edge values and, for every region libphonenumber knows, its example
// numbers of each type in E.164 form, with a digit dropped and a digit added.
func phoneValues() []string {
	vals := slices.Clone(phoneEdgeValues)
	regions := make([]string, 0, len(phonenumbers.GetSupportedRegions()))
	for r := range phonenumbers.GetSupportedRegions() {
		regions = append(regions, r)
	}
	sort.Strings(regions)
	for _, r := range regions {
		for _, typ := range []phonenumbers.PhoneNumberType{phonenumbers.FIXED_LINE, phonenumbers.MOBILE, phonenumbers.TOLL_FREE} {
			n := phonenumbers.GetExampleNumberForType(r, typ)
			if n == nil {
				continue
			}
			e := phonenumbers.Format(n, phonenumbers.E164)
			vals = append(vals, e, e[:len(e)-1], e+"0", phonenumbers.Format(n, phonenumbers.INTERNATIONAL))
		}
	}
	return vals
}

// TestPhoneBestAgrees checks checkPhoneBest against checkPhone, forwards and backwards (so a
// pooled PhoneNumber is reused after every kind of number), and that the list is not trivial.
func TestPhoneBestAgrees(t *testing.T) {
	vals := phoneValues()
	accepted := 0
	for _, order := range []string{"forwards", "backwards"} {
		for _, v := range vals {
			want := checkPhone(v) == nil
			if want {
				accepted++
			}
			assert.Equal(t, want, checkPhoneBest(v) == nil, "%s: %q", order, v)
		}
		slices.Reverse(vals)
	}
	assert.Greater(t, accepted, 400, "the example numbers should be valid")
	assert.Less(t, accepted, len(vals), "some values should be refused")
}

// jsonValues are JSON values a member may hold: strings with and without escapes, non-ASCII,
// invalid UTF-8, encoded surrogates, and values of other types.
var jsonValues = []string{
	`"abc"`, `""`, `"a b"`, `"a\"b"`, `"a\\b"`, `"a\/b"`, `"\u00e9"`, `"é"`, `"山田"`, `"\ud800"`,
	`"\ud83d\ude00"`, `"😀"`, "\"\xff\"", "\"a\xc3\"", "\"\xed\xa0\x80\"", "\"\xef\xbf\xbd\"",
	"\"a\x00b\"", "\"a\nb\"", `"a\nb"`, `"\u0007"`, "\"\x7f\"", `"`, `"a`, `5`, `-1.5e3`,
	`true`, `false`, `null`, `{}`, `{"a":1}`, `[]`, `["a"]`,
}

// TestBestOptAgrees checks that bOpt decodes a member exactly as Opt does: the same Set, Null,
// value and error, for strings, the custom attribute map and the address.
func TestBestOptAgrees(t *testing.T) {
	for _, b := range jsonValues {
		var o Opt[string]
		var bo bOpt[string]
		err, berr := o.UnmarshalJSON([]byte(b)), bo.UnmarshalJSON([]byte(b))
		assert.Equal(t, err == nil, berr == nil, "string %s: %v / %v", b, err, berr)
		assert.Equal(t, o, bo.Opt, "string %s", b)

		var om Opt[map[string]any]
		var bm bOpt[map[string]any]
		err, berr = om.UnmarshalJSON([]byte(b)), bm.UnmarshalJSON([]byte(b))
		assert.Equal(t, err == nil, berr == nil, "map %s: %v / %v", b, err, berr)
		assert.Equal(t, om, bm.Opt, "map %s", b)
	}
}

// TestBestPatchAgrees decodes every document of the agreement tests into vPatch and into
// vPatchBest: both fail or both give the same patch.
func TestBestPatchAgrees(t *testing.T) {
	ref := loadRef(t)
	docs := map[string]string{"reference update": string(ref.Update), "reference update_invalid": string(ref.UpdateInvalid),
		"address escapes":          `{"address": {"formatted": "1 Main St\nApt \u0032", "country": "\u65e5\u672c"}, "name": "Jane \"Q\" Doe"}`,
		"address unknown nested":   `{"address": {"country": "JP", "planet": {"name": "Mars"}}}`,
		"custom nested":            `{"custom_attributes": {"department": {"name": "x"}, "tickets": [1]}}`,
		"invalid UTF-8 in a value": "{\"name\": \"Jane\xffDoe\"}",
		"trailing data":            `{"name": "Jane"} {}`,
	}
	for name, d := range validDocs {
		docs[name] = d
	}
	for name, d := range invalidDocs {
		docs[name] = d
	}
	for name, d := range docs {
		var p vPatch
		var bp vPatchBest
		err, berr := decodeStrict([]byte(d), &p), decodeStrict([]byte(d), &bp)
		if !assert.Equal(t, err == nil, berr == nil, "%s: %v / %v", name, err, berr) || err != nil {
			continue
		}
		assert.Equal(t, p, bp.patch(), name)
	}
}

// TestBestStructTags checks that vPatchBest and vAddressPatchBest have vPatch's and
// vAddressPatch's fields, in order, with the same tags, each of type bOpt[X] for Opt[X].
func TestBestStructTags(t *testing.T) {
	pairs := map[reflect.Type]reflect.Type{
		reflect.TypeFor[vPatch]():        reflect.TypeFor[vPatchBest](),
		reflect.TypeFor[vAddressPatch](): reflect.TypeFor[vAddressPatchBest](),
	}
	for plain, best := range pairs {
		require.Equal(t, plain.NumField(), best.NumField(), best.Name())
		for i := range plain.NumField() {
			pf, bf := plain.Field(i), best.Field(i)
			assert.Equal(t, pf.Name, bf.Name)
			assert.Equal(t, pf.Tag, bf.Tag, pf.Name)
			inner, ok := bf.Type.FieldByName("Opt")
			if !assert.True(t, ok && strings.HasPrefix(bf.Type.Name(), "bOpt["), "%s: %s is not a bOpt", pf.Name, bf.Type) {
				continue
			}
			want := pf.Type
			if pf.Type.Field(0).Type == reflect.TypeFor[vAddressPatch]() {
				want = reflect.TypeFor[Opt[vAddressPatchBest]]()
			}
			assert.Equal(t, want, inner.Type, pf.Name)
		}
	}
}
