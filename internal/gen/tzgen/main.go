// Command tzgen generates package tzdb's tables of IANA time-zone names from a tzdata.zi file
// (the compact zic input that Debian's tzdata package installs as /usr/share/zoneinfo/tzdata.zi).
//
// It reads the "# version" header, every Zone line ("Z NAME ...") and every Link line
// ("L TARGET NAME"), resolves link chains to their final zone, and writes a Go file with the
// sorted names, the index of each name's canonical zone, and an index sorted by ASCII
// lower-case form (for "did you mean" suggestions).
//
// Excluded on purpose: "Factory" (a placeholder zone whose abbreviation is "-00", meaning "local
// time is unknown"; it is not a place), and the file-system artefacts that are not tz names at
// all ("localtime", "posixrules", and the "posix/" and "right/" trees) should a source ever list
// them.
//
// Usage (from package tzdb, via go:generate):
//
//	go run ../gen/tzgen [-src /usr/share/zoneinfo/tzdata.zi] [-out zones_gen.go]
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"io"
	"log"
	"os"
	"slices"
	"strings"
)

func main() {
	src := flag.String("src", "/usr/share/zoneinfo/tzdata.zi", "tzdata.zi file to read")
	out := flag.String("out", "zones_gen.go", "Go file to write")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("tzgen: ")

	f, err := os.Open(*src)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	db, err := parse(f)
	if err != nil {
		log.Fatalf("%s: %v", *src, err)
	}
	code, err := db.render(*src)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, code, 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("tzdata %s: %d zones, %d links -> %s", db.version, db.zones, len(db.names)-db.zones, *out)
}

// excluded reports whether a name from the source is deliberately left out of the tables.
func excluded(name string) bool {
	return name == "Factory" || name == "localtime" || name == "posixrules" ||
		strings.HasPrefix(name, "posix/") || strings.HasPrefix(name, "right/")
}

type database struct {
	version string
	names   []string // sorted
	canon   []int    // canon[i]: index in names of the zone names[i] resolves to
	folded  []int    // indexes into names, sorted by ASCII lower-case name
	zones   int
}

func parse(r io.Reader) (*database, error) {
	var version string
	zones := map[string]bool{}
	links := map[string]string{} // name -> target
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if v, ok := strings.CutPrefix(text, "# version "); ok {
			version = strings.TrimSpace(v)
			continue
		}
		fields := strings.Fields(text)
		if len(fields) == 0 {
			continue
		}
		switch fields[0] {
		case "Z":
			if len(fields) < 2 {
				return nil, fmt.Errorf("line %d: zone line without a name", line)
			}
			name := fields[1]
			if zones[name] || links[name] != "" {
				return nil, fmt.Errorf("line %d: %s defined twice", line, name)
			}
			zones[name] = true
		case "L":
			if len(fields) != 3 {
				return nil, fmt.Errorf("line %d: link line needs a target and a name", line)
			}
			target, name := fields[1], fields[2]
			if zones[name] || links[name] != "" {
				return nil, fmt.Errorf("line %d: %s defined twice", line, name)
			}
			links[name] = target
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if version == "" {
		return nil, fmt.Errorf("no \"# version\" header")
	}
	if len(zones) < 300 {
		return nil, fmt.Errorf("only %d zones: not a full tzdata.zi", len(zones))
	}

	// Resolve every link to the zone at the end of its chain.
	resolve := func(name string) (string, error) {
		seen := map[string]bool{}
		for !zones[name] {
			if seen[name] {
				return "", fmt.Errorf("link cycle through %s", name)
			}
			seen[name] = true
			next, ok := links[name]
			if !ok {
				return "", fmt.Errorf("link to undefined name %s", name)
			}
			name = next
		}
		return name, nil
	}

	canonOf := map[string]string{}
	for z := range zones {
		if !excluded(z) {
			canonOf[z] = z
		}
	}
	for l := range links {
		if excluded(l) {
			continue
		}
		z, err := resolve(l)
		if err != nil {
			return nil, err
		}
		if excluded(z) {
			return nil, fmt.Errorf("link %s resolves to excluded zone %s", l, z)
		}
		canonOf[l] = z
	}

	db := &database{version: version}
	for n := range canonOf {
		if err := checkName(n); err != nil {
			return nil, err
		}
		db.names = append(db.names, n)
	}
	slices.Sort(db.names)
	index := make(map[string]int, len(db.names))
	for i, n := range db.names {
		index[n] = i
	}
	db.canon = make([]int, len(db.names))
	for i, n := range db.names {
		db.canon[i] = index[canonOf[n]]
		if db.canon[i] == i {
			db.zones++
		}
	}
	db.folded = make([]int, len(db.names))
	for i := range db.folded {
		db.folded[i] = i
	}
	slices.SortFunc(db.folded, func(a, b int) int {
		return strings.Compare(lower(db.names[a]), lower(db.names[b]))
	})
	for i := 1; i < len(db.folded); i++ {
		a, b := db.names[db.folded[i-1]], db.names[db.folded[i]]
		if lower(a) == lower(b) {
			return nil, fmt.Errorf("%s and %s differ only in case", a, b)
		}
	}
	if len(db.names) > 1<<16 {
		return nil, fmt.Errorf("%d names do not fit uint16 indexes", len(db.names))
	}
	return db, nil
}

// checkName accepts what the tz database's own naming rules allow: ASCII letters, digits,
// '/', '_', '-', '+' and '.' (no "..", no leading or trailing '/').
func checkName(n string) error {
	if n == "" || n[0] == '/' || n[len(n)-1] == '/' || strings.Contains(n, "..") || strings.Contains(n, "//") {
		return fmt.Errorf("unexpected zone name %q", n)
	}
	for i := 0; i < len(n); i++ {
		c := n[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case c == '/', c == '_', c == '-', c == '+', c == '.':
		default:
			return fmt.Errorf("unexpected character %q in zone name %q", c, n)
		}
	}
	return nil
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func (db *database) render(src string) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by go run ../gen/tzgen; DO NOT EDIT.\n\n")
	fmt.Fprintf(&b, "// Source: %s (tzdata %s), %d zones and %d links.\n\n", src, db.version, db.zones, len(db.names)-db.zones)
	fmt.Fprintf(&b, "package tzdb\n\n")
	fmt.Fprintf(&b, "// Version is the IANA tz database release the tables were generated from.\n")
	fmt.Fprintf(&b, "const Version = %q\n\n", db.version)
	fmt.Fprintf(&b, "// zoneCount is the number of canonical zones (names that are not links).\n")
	fmt.Fprintf(&b, "const zoneCount = %d\n\n", db.zones)
	fmt.Fprintf(&b, "// names lists every zone and link name, sorted byte-wise.\n")
	fmt.Fprintf(&b, "var names = [...]string{\n")
	for _, n := range db.names {
		fmt.Fprintf(&b, "%q,\n", n)
	}
	fmt.Fprintf(&b, "}\n\n")
	fmt.Fprintf(&b, "// canon[i] is the index in names of the zone names[i] resolves to (i itself for a zone).\n")
	fmt.Fprintf(&b, "var canon = [len(names)]uint16{\n")
	writeInts(&b, db.canon)
	fmt.Fprintf(&b, "}\n\n")
	fmt.Fprintf(&b, "// folded lists the indexes of names sorted by the names' ASCII lower-case form.\n")
	fmt.Fprintf(&b, "var folded = [len(names)]uint16{\n")
	writeInts(&b, db.folded)
	fmt.Fprintf(&b, "}\n")
	return format.Source(b.Bytes())
}

func writeInts(b *bytes.Buffer, xs []int) {
	for i, x := range xs {
		fmt.Fprintf(b, "%d,", x)
		if i%16 == 15 || i == len(xs)-1 {
			b.WriteByte('\n')
		} else {
			b.WriteByte(' ')
		}
	}
}
