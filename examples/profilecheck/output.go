package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/profilekit/profilekit/access"

	"github.com/profilekit/profilekit/profile"
	"github.com/profilekit/profilekit/validation"
)

// printer writes results as text or, with -json, as one JSON document.
type printer struct {
	stdout, stderr io.Writer
	json           bool
}

// The JSON results.
type (
	applyResult struct {
		Profile profile.Profile  `json:"profile"`
		Changes []profile.Change `json:"changes"`
	}
	causesResult struct {
		File   string              `json:"file"`
		Causes []*validation.Cause `json:"causes"`
	}
	okResult struct {
		OK bool `json:"ok"`
	}
	evolutionResult struct {
		Breaking []*validation.Cause `json:"breaking"`
		Warnings []*validation.Cause `json:"warnings"`
		Renamed  []rename            `json:"renamed"`
	}
)

// writeJSON writes v indented; a failure to encode is reported as an I/O problem.
func (p *printer) writeJSON(v any, code int) int {
	enc := json.NewEncoder(p.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		fmt.Fprintf(p.stderr, "profilecheck: writing the result: %v\n", err)
		return exitUsage
	}
	return code
}

// fileError reports a file that cannot be read or decoded.
func (p *printer) fileError(err error) int {
	fmt.Fprintf(p.stderr, "profilecheck: %v\n", err)
	return exitUsage
}

// causes reports an invalid update or config read from file.
func (p *printer) causes(file, what string, verr *validation.Error) int {
	if p.json {
		return p.writeJSON(causesResult{File: file, Causes: verr.Causes}, exitInvalid)
	}
	fmt.Fprintf(p.stdout, "%s: %s (%s):\n", file, what, plural(len(verr.Causes), "problem"))
	writeCauses(p.stdout, verr.Causes)
	return exitInvalid
}

func writeCauses(w io.Writer, causes []*validation.Cause) {
	for _, c := range causes {
		line := c.Error()
		if c.Details.Suggest != nil {
			if s, err := json.Marshal(c.Details.Suggest); err == nil {
				line += " (suggested: " + string(s) + ")"
			}
		}
		fmt.Fprintf(w, "  %s\n", line)
	}
}

// result reports a valid update: the next profile and the changes.
func (p *printer) result(next profile.Profile, changes []profile.Change) int {
	if changes == nil {
		changes = []profile.Change{}
	}
	if p.json {
		return p.writeJSON(applyResult{Profile: next, Changes: changes}, exitOK)
	}
	if code := p.writeJSON(next, exitOK); code != exitOK {
		return code
	}
	if len(changes) == 0 {
		fmt.Fprintln(p.stdout, "no changes")
		return exitOK
	}
	fmt.Fprintf(p.stdout, "%s:\n", plural(len(changes), "change"))
	for _, c := range changes {
		switch c.Op {
		case access.OpAdd:
			fmt.Fprintf(p.stdout, "  add    %s = %s\n", c.Path, jsonText(c.New))
		case access.OpRemove:
			fmt.Fprintf(p.stdout, "  remove %s (was %s)\n", c.Path, jsonText(c.Old))
		default:
			fmt.Fprintf(p.stdout, "  change %s: %s -> %s\n", c.Path, jsonText(c.Old), jsonText(c.New))
		}
	}
	return exitOK
}

// ok reports a valid config.
func (p *printer) ok() int {
	if p.json {
		return p.writeJSON(okResult{OK: true}, exitOK)
	}
	fmt.Fprintln(p.stdout, "ok")
	return exitOK
}

// evolution reports the breaking changes and warnings of -evolve.
func (p *printer) evolution(breaking, warnings []*validation.Cause, renamed []rename) int {
	code := exitOK
	if len(breaking) > 0 {
		code = exitBreaking
	}
	if p.json {
		if breaking == nil {
			breaking = []*validation.Cause{}
		}
		if warnings == nil {
			warnings = []*validation.Cause{}
		}
		if renamed == nil {
			renamed = []rename{}
		}
		return p.writeJSON(evolutionResult{Breaking: breaking, Warnings: warnings, Renamed: renamed}, code)
	}
	if len(breaking) == 0 {
		fmt.Fprintln(p.stdout, "no breaking changes")
	} else {
		fmt.Fprintf(p.stdout, "%s:\n", plural(len(breaking), "breaking change"))
		writeCauses(p.stdout, breaking)
	}
	if len(warnings) > 0 {
		fmt.Fprintf(p.stdout, "%s:\n", plural(len(warnings), "warning"))
		writeCauses(p.stdout, warnings)
	}
	if len(renamed) > 0 {
		fmt.Fprintf(p.stdout, "%s (allowed; clients using the old name must follow):\n", plural(len(renamed), "rename"))
		for _, r := range renamed {
			fmt.Fprintf(p.stdout, "  id %q: %s -> %s\n", r.ID, r.From, r.To)
		}
	}
	return code
}

func jsonText(v profile.Value) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "?"
	}
	return string(b)
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
