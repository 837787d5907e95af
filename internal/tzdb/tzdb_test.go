package tzdb

import (
	"archive/zip"
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLookup(t *testing.T) {
	tests := []struct {
		name, canonical string
		ok              bool
	}{
		{"America/Los_Angeles", "America/Los_Angeles", true},
		{"US/Pacific", "America/Los_Angeles", true},
		{"Europe/Kiev", "Europe/Kyiv", true},
		{"Europe/Kyiv", "Europe/Kyiv", true},
		{"UTC", "Etc/UTC", true},
		{"Etc/UTC", "Etc/UTC", true},
		{"GMT", "Etc/GMT", true},
		{"EST5EDT", "EST5EDT", true},
		{"Etc/GMT+5", "Etc/GMT+5", true},
		{"Etc/GMT-14", "Etc/GMT-14", true},
		{"America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires", true},
		{"America/Buenos_Aires", "America/Argentina/Buenos_Aires", true},
		{"Asia/Calcutta", "Asia/Kolkata", true},
		// Not names in the database, or deliberately left out.
		{"Factory", "", false},
		{"localtime", "", false},
		{"posixrules", "", false},
		{"right/UTC", "", false},
		{"posix/UTC", "", false},
		{"Mars/Olympus", "", false},
		{"../etc/passwd", "", false},
		{"america/new_york", "", false},
		{"utc", "", false},
		{"America/New_York ", "", false},
		{"", "", false},
		{"America/", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Lookup(tt.name)
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.canonical, got)
		})
	}
}

func TestIsLink(t *testing.T) {
	assert.True(t, IsLink("US/Pacific"))
	assert.True(t, IsLink("UTC"))
	assert.False(t, IsLink("Etc/UTC"))
	assert.False(t, IsLink("America/New_York"))
	assert.False(t, IsLink("Mars/Olympus"))
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"america/new_york", "America/New_York"},
		{"AMERICA/NEW_YORK", "America/New_York"},
		{"America/New_York", "America/New_York"},
		{"utc", "UTC"},
		{"us/pacific", "US/Pacific"},
		{"etc/gmt+5", "Etc/GMT+5"},
		{"est5edt", "EST5EDT"},
	}
	for _, tt := range tests {
		got, ok := Fold(tt.in)
		assert.True(t, ok, tt.in)
		assert.Equal(t, tt.want, got, tt.in)
	}
	for _, in := range []string{"", "mars/olympus", "america/new york", "factory", "right/utc"} {
		got, ok := Fold(in)
		assert.False(t, ok, in)
		assert.Empty(t, got, in)
	}
}

func TestTablesConsistent(t *testing.T) {
	require.True(t, slices.IsSorted(names[:]), "names must be sorted for binary search")
	zones := 0
	for i, n := range names {
		c := int(canon[i])
		assert.Equal(t, c, int(canon[c]), "%s resolves to %s, which is not a zone", n, names[c])
		if c == i {
			zones++
		}
		// Every name is found by both indexes.
		got, ok := Lookup(n)
		assert.True(t, ok, n)
		assert.Equal(t, names[c], got)
		f, ok := Fold(strings.ToUpper(n))
		assert.True(t, ok, n)
		assert.Equal(t, n, f)
	}
	assert.Equal(t, zoneCount, zones)
	assert.Len(t, Zones(), zoneCount)
	assert.Len(t, Names(), len(names))
	assert.True(t, slices.IsSorted(Zones()))
	assert.Greater(t, len(names), 550, "about 600 names expected")
}

func TestListsAreCopies(t *testing.T) {
	z := Zones()
	z[0] = "Mars/Olympus"
	assert.NotEqual(t, "Mars/Olympus", Zones()[0])
	n := Names()
	n[0] = "Mars/Olympus"
	_, ok := Lookup("Mars/Olympus")
	assert.False(t, ok)
}

// TestAgainstTzdataZi re-reads the generator's source (Debian's tzdata.zi) and checks that
// every zone and link it defines is in the tables with the same resolution.
func TestAgainstTzdataZi(t *testing.T) {
	const src = "/usr/share/zoneinfo/tzdata.zi"
	f, err := os.Open(src)
	if err != nil {
		t.Skipf("%s not available: %v", src, err)
	}
	defer f.Close()
	zones := map[string]bool{}
	links := map[string]string{}
	version := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if v, ok := strings.CutPrefix(line, "# version "); ok {
			version = v
		}
		fs := strings.Fields(line)
		switch {
		case len(fs) >= 2 && fs[0] == "Z":
			zones[fs[1]] = true
		case len(fs) == 3 && fs[0] == "L":
			links[fs[2]] = fs[1]
		}
	}
	require.NoError(t, sc.Err())
	if version != Version {
		t.Skipf("%s is tzdata %s, the tables are %s", src, version, Version)
	}
	count := 0
	for z := range zones {
		got, ok := Lookup(z)
		if z == "Factory" {
			assert.False(t, ok)
			continue
		}
		count++
		assert.True(t, ok, z)
		assert.Equal(t, z, got)
	}
	for l, target := range links {
		for !zones[target] {
			target = links[target]
		}
		count++
		got, ok := Lookup(l)
		assert.True(t, ok, l)
		assert.Equal(t, target, got, l)
	}
	assert.Equal(t, len(names), count, "tables hold names the source does not define")
}

// TestAgainstGoZoneinfoZip cross-checks the names with the Go distribution's own copy of the tz
// database (which may be a slightly different release; tz releases rarely add or drop names).
func TestAgainstGoZoneinfoZip(t *testing.T) {
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Skipf("go env GOROOT: %v", err)
	}
	path := filepath.Join(strings.TrimSpace(string(goroot)), "lib", "time", "zoneinfo.zip")
	r, err := zip.OpenReader(path)
	if err != nil {
		t.Skipf("%s not available: %v", path, err)
	}
	defer r.Close()
	var goNames []string
	for _, f := range r.File {
		if !f.FileInfo().IsDir() && f.Name != "Factory" {
			goNames = append(goNames, f.Name)
		}
	}
	slices.Sort(goNames)
	assert.Equal(t, goNames, Names(), "names differ from Go's zoneinfo.zip")
}

func ExampleLookup() {
	fmt.Println(Lookup("US/Pacific"))
	fmt.Println(Lookup("Europe/Kiev"))
	fmt.Println(Lookup("Etc/GMT+5"))
	fmt.Println(Lookup("localtime"))
	// Output:
	// America/Los_Angeles true
	// Europe/Kyiv true
	// Etc/GMT+5 true
	//  false
}

func ExampleFold() {
	fmt.Println(Fold("america/new_york"))
	// Output: America/New_York true
}

func FuzzLookup(f *testing.F) {
	for _, s := range []string{"UTC", "US/Pacific", "america/new_york", "", "Etc/GMT+5", "../x", "Factory"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, ok := Lookup(s)
		if ok {
			c2, ok2 := Lookup(c)
			if !ok2 || c2 != c {
				t.Fatalf("Lookup(%q) = %q, which resolves to %q, %v", s, c, c2, ok2)
			}
			if IsLink(s) == (c == s) {
				t.Fatalf("IsLink(%q) = %v but resolves to %q", s, IsLink(s), c)
			}
		}
		n, fok := Fold(s)
		if ok && (!fok || n != s) {
			t.Fatalf("Fold(%q) = %q, %v for an exact name", s, n, fok)
		}
		if fok {
			if !strings.EqualFold(n, s) {
				t.Fatalf("Fold(%q) = %q, not equal under folding", s, n)
			}
			if _, ok := Lookup(n); !ok {
				t.Fatalf("Fold(%q) = %q, not a name", s, n)
			}
		}
	})
}

func BenchmarkLookup(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Lookup("America/Argentina/Buenos_Aires")
	}
}

func BenchmarkLookupMiss(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Lookup("Mars/Olympus")
	}
}

func BenchmarkFold(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Fold("america/argentina/buenos_aires")
	}
}
