package tzdb

import "slices"

// Lookup reports whether name is a zone or link name in the tz database (compared exactly,
// case-sensitively) and returns the zone it resolves to: a zone resolves to itself, a link to
// its target (US/Pacific to America/Los_Angeles, Europe/Kiev to Europe/Kyiv, UTC to Etc/UTC).
// It does not allocate.
func Lookup(name string) (canonical string, ok bool) {
	i, ok := slices.BinarySearch(names[:], name)
	if !ok {
		return "", false
	}
	return names[canon[i]], true
}

// IsLink reports whether name is a link (an alias of another zone) rather than a zone.
func IsLink(name string) bool {
	i, ok := slices.BinarySearch(names[:], name)
	return ok && int(canon[i]) != i
}

// Fold returns the zone or link name that equals name when ASCII letters are compared without
// regard to case ("america/new_york" gives "America/New_York"), and whether there is one. No two
// names in the database differ only in case, so the answer is unique. It does not allocate.
func Fold(name string) (string, bool) {
	i, ok := slices.BinarySearchFunc(folded[:], name, func(idx uint16, target string) int {
		return compareFold(names[idx], target)
	})
	if !ok {
		return "", false
	}
	return names[folded[i]], true
}

// Zones returns the canonical zone names (the names that are not links), sorted. The slice is
// freshly allocated; changing it does not affect the package.
func Zones() []string {
	out := make([]string, 0, zoneCount)
	for i, n := range names {
		if int(canon[i]) == i {
			out = append(out, n)
		}
	}
	return out
}

// Names returns every zone and link name, sorted. The slice is freshly allocated.
func Names() []string {
	return slices.Clone(names[:])
}

// compareFold compares a and b as strings after mapping ASCII upper-case letters to lower case.
func compareFold(a, b string) int {
	n := min(len(a), len(b))
	for i := range n {
		ca, cb := lowerASCII(a[i]), lowerASCII(b[i])
		if ca != cb {
			if ca < cb {
				return -1
			}
			return 1
		}
	}
	switch {
	case len(a) < len(b):
		return -1
	case len(a) > len(b):
		return 1
	}
	return 0
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
