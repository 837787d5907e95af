package bench

import (
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nyaruka/phonenumbers"
)

// The format checks of the best-configured engines (jsonschema_best, validator_best): what a
// careful Go engineer does to the checks of formats.go without changing a single answer. The
// agreement tests (best_test.go) check that each gives the same answer as its plain
// counterpart on the reference documents and on lists of edge cases.

// zoneCacheMax bounds the zone cache. The tz database has about 600 names with its links
// (1 265 files under /usr/share/zoneinfo on this Debian machine, with posix/ and right/), so real traffic
// never reaches it; it is there because time.LoadLocation also accepts spellings without end
// ("Europe/./Paris", "Europe//Paris"), which a client could send to grow the map.
const zoneCacheMax = 4096

// zoneCache is time.LoadLocation behind a sync.Map of the names it accepted. It is a cache, not
// a precomputed set, because only a cache gives LoadLocation's answers by construction: the
// first lookup of a name is LoadLocation itself, and a later one returns what LoadLocation
// said. A set built by walking /usr/share/zoneinfo would miss what LoadLocation also accepts
// ("Europe/./Paris", "./UTC", names from $ZONEINFO or the embedded time/tzdata) and would have
// to re-implement which files parse ("zone.tab" does not).
//
// Only accepted names are stored: they are few (see zoneCacheMax), rejected names are
// unbounded, so every rejected name goes to LoadLocation again (one failed file open). The
// cache assumes the tz files do not change while the process runs; profilekit's compiled-in
// list assumes the same.
type zoneCache struct {
	ok sync.Map // string -> struct{}: names LoadLocation accepted
	n  atomic.Int64
}

// check is checkZoneinfo with the cache: the same refusal of "" and "local" in any case
// (LoadLocation maps them to UTC and Local; validator's timezone tag refuses them the same
// way), then a cached LoadLocation.
func (c *zoneCache) check(s string) error {
	if s == "" || strings.EqualFold(s, "local") {
		return errZone
	}
	if _, hit := c.ok.Load(s); hit {
		return nil
	}
	if _, err := time.LoadLocation(s); err != nil {
		return errZone
	}
	if c.n.Add(1) <= zoneCacheMax {
		if _, loaded := c.ok.LoadOrStore(s, struct{}{}); loaded {
			c.n.Add(-1)
		}
	} else {
		c.n.Add(-1)
	}
	return nil
}

// len is the number of names cached.
func (c *zoneCache) len() int { return int(c.n.Load()) }

// phoneScratch is the PhoneNumber and the Builder that libphonenumber's ParseToNumber and
// FormatWithBuf reuse ("to decrease object creation when invoked many times", in the library's
// words).
type phoneScratch struct {
	n phonenumbers.PhoneNumber
	b phonenumbers.Builder
}

var phoneScratchPool = sync.Pool{New: func() any { return new(phoneScratch) }}

// checkPhoneBest is checkPhone with two changes that keep its answers:
//
//   - a value that is not "+" followed by digits is refused before libphonenumber is asked.
//     checkPhone requires Format(n, E164) == s, and an E.164 rendering is always "+" and
//     digits, so checkPhone refuses every such value too, after a Parse.
//   - Parse and Format become ParseToNumber and FormatWithBuf into a pooled PhoneNumber and
//     Builder, so the check allocates neither.
//
// What stays: one Parse, IsValidNumber and one E.164 rendering per value. libphonenumber's
// IsValidNumber finds the number's region and then matches the number against that region's
// patterns again; its exported API has no one-pass form (the region metadata is not exported),
// and its regexps are already compiled once and cached by the library. Caching answers per
// number is not done: phone numbers are unbounded, and a benchmark that repeats one number
// would then measure a map lookup, a precomputed answer for the reference document.
func checkPhoneBest(s string) error {
	if !e164Shape(s) {
		return errPhone
	}
	p := phoneScratchPool.Get().(*phoneScratch)
	defer phoneScratchPool.Put(p)
	p.n.Reset()
	if err := phonenumbers.ParseToNumber(s, "", &p.n); err != nil || !phonenumbers.IsValidNumber(&p.n) {
		return errPhone
	}
	phonenumbers.FormatWithBuf(&p.n, phonenumbers.E164, &p.b)
	if string(p.b.Bytes()) != s {
		return errPhone
	}
	return nil
}

// e164Shape reports whether s is "+" and at least one ASCII digit, nothing else.
func e164Shape(s string) bool {
	if len(s) < 2 || s[0] != '+' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
