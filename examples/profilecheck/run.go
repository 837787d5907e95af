package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/customattr"
	"github.com/profilekit/profilekit/jsonschema"
	"github.com/profilekit/profilekit/profile"
	"github.com/profilekit/profilekit/validation"
)

// Exit codes; see the package documentation.
const (
	exitOK       = 0
	exitInvalid  = 1
	exitUsage    = 2
	exitBreaking = 3
)

const usageText = `usage:
  profilecheck -config authgear.yaml [-party end_user] [-mode patch] [-current current.json]
               [-identities identities.json] [-json] [-strict] [-authgear] update.json|-
  profilecheck -check-config [-json] [-strict] [-authgear] config.yaml...
  profilecheck -evolve [-json] [-strict] [-authgear] old.yaml new.yaml
  profilecheck -schema [-party end_user] [-json] [-strict] [-authgear] config.yaml

Files may be JSON or YAML; a config is a whole authgear.yaml or its user_profile section.
Warnings (a misspelt top-level section of a whole authgear.yaml, a tightened bound in
-evolve, a current profile that no longer validates) do not fail the check unless -strict.

exit codes:
  0  valid update / valid config(s) / evolution without breaking changes / schema printed;
     warnings may be printed
  1  the update or a config is invalid (causes printed), or -strict and there are warnings
  2  usage error, or a file that cannot be read or decoded (not JSON or YAML, a YAML
     syntax error, an update that is not JSON)
  3  -evolve found breaking changes
  With several files (-check-config), the worst code of any file.

flags:
`

// The commands besides checking an update.
const (
	verbCheckConfig = "check-config"
	verbEvolve      = "evolve"
	verbSchema      = "schema"
)

// options are the parsed command line.
type options struct {
	config, current, identities string
	party                       access.Party
	mode                        profile.Mode
	json, strict, authgear      bool
	verb                        string // "" (check an update) or one of the verb constants
	args                        []string
}

// run is the whole command: it parses args (without the program name), reads the update from
// stdin when its file is "-", writes results to stdout and problems to stderr, and returns the
// exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	opts, code, ok := parseArgs(args, stdout, stderr)
	if !ok {
		return code
	}
	out := &printer{stdout: stdout, stderr: stderr, json: opts.json}
	switch opts.verb {
	case verbCheckConfig:
		code = checkConfigs(opts, stdin, out)
	case verbEvolve:
		code = evolve(opts, stdin, out)
	case verbSchema:
		code = printSchema(opts, stdin, out)
	default:
		code = apply(opts, stdin, out)
	}
	return out.exit(code, opts.strict)
}

// flagsOf are the flags each command takes besides the one naming it.
var flagsOf = map[string][]string{
	"":              {"config", "party", "mode", "current", "identities", "json", "strict", "authgear"},
	verbCheckConfig: {"json", "strict", "authgear"},
	verbEvolve:      {"json", "strict", "authgear"},
	verbSchema:      {"party", "json", "strict", "authgear"},
}

// parseArgs parses the flags, which may come before or after the file arguments ("--" ends
// them). It returns ok=false with the exit code when run must stop (-h, usage error).
func parseArgs(args []string, stdout, stderr io.Writer) (options, int, bool) {
	var o options
	var party, mode string
	var checkConfig, evolve, schema bool
	fs := flag.NewFlagSet("profilecheck", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&o.config, "config", "", "the config: a whole authgear.yaml or its user_profile section (YAML or JSON)")
	fs.StringVar(&party, "party", "end_user", "who sends the update, or whose view -schema exports: end_user, portal_ui, bearer or admin_api")
	fs.StringVar(&mode, "mode", "patch", "how the update combines with the current profile: patch (merge patch) or replace")
	fs.StringVar(&o.current, "current", "", "the current profile (YAML or JSON); default: an empty profile")
	fs.StringVar(&o.identities, "identities", "", "the user's identities, newest first: [{\"kind\": \"email\", \"value\": ..., \"verified\": true}]")
	fs.BoolVar(&o.json, "json", false, "print a machine-readable JSON result")
	fs.BoolVar(&o.strict, "strict", false, "fail (exit 1) when there are warnings")
	fs.BoolVar(&o.authgear, "authgear", false, "the config is for Authgear: reject the members only profilekit knows (phone, limits, pattern, write_once, ...)")
	fs.BoolVar(&checkConfig, "check-config", false, "validate the config files given as arguments and exit")
	fs.BoolVar(&evolve, "evolve", false, "compare the custom attributes of two configs (old.yaml new.yaml) for breaking changes")
	fs.BoolVar(&schema, "schema", false, "print the JSON Schema of the profile, as -party sees it, for the config given as argument")
	usage := func(w io.Writer) {
		fmt.Fprint(w, usageText)
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	fail := func(format string, a ...any) (options, int, bool) {
		fmt.Fprintf(stderr, "profilecheck: "+format+"\n", a...)
		fmt.Fprintln(stderr, "run profilecheck -h for usage")
		return o, exitUsage, false
	}

	if len(args) == 0 {
		usage(stderr)
		return o, exitUsage, false
	}
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				usage(stdout)
				return o, exitOK, false
			}
			return fail("%v", err)
		}
		left := fs.Args()
		if len(left) == 0 {
			break
		}
		if consumed := len(rest) - len(left); consumed > 0 && rest[consumed-1] == "--" {
			o.args = append(o.args, left...)
			break
		}
		o.args = append(o.args, left[0])
		rest = left[1:]
	}

	var verbs []string
	for _, v := range []struct {
		set  bool
		name string
	}{{checkConfig, verbCheckConfig}, {evolve, verbEvolve}, {schema, verbSchema}} {
		if v.set {
			verbs = append(verbs, "-"+v.name)
			o.verb = v.name
		}
	}
	if len(verbs) > 1 {
		return fail("%s cannot be combined", strings.Join(verbs, " and "))
	}
	var extra []string
	fs.Visit(func(f *flag.Flag) {
		if f.Name != o.verb && !slices.Contains(flagsOf[o.verb], f.Name) {
			extra = append(extra, "-"+f.Name)
		}
	})
	if n := countStdin(o.args); n > 1 {
		return fail("- (standard input) can be read only once, got it %d times", n)
	}
	switch o.verb {
	case verbCheckConfig, verbEvolve, verbSchema:
		if len(extra) > 0 {
			return fail("-%s does not take %s", o.verb, strings.Join(extra, ", "))
		}
	}
	switch o.verb {
	case verbCheckConfig:
		if len(o.args) == 0 {
			return fail("-check-config takes one or more config files, got none")
		}
		return o, 0, true
	case verbEvolve:
		if len(o.args) != 2 {
			return fail("-evolve takes two config files (old new), got %d arguments", len(o.args))
		}
		return o, 0, true
	case verbSchema:
		if len(o.args) != 1 {
			return fail("-schema takes one config file, got %d arguments", len(o.args))
		}
	default:
		if o.config == "" {
			return fail("-config is required to check an update")
		}
		if len(o.args) != 1 {
			return fail("want one update file (or - for standard input), got %d arguments", len(o.args))
		}
	}
	if err := o.party.UnmarshalText([]byte(party)); err != nil {
		return fail("-party %q: want end_user, portal_ui, bearer or admin_api", party)
	}
	if o.verb == verbSchema {
		return o, 0, true
	}
	switch mode {
	case "patch", "merge_patch", "merge-patch":
		o.mode = profile.MergePatch
	case "replace":
		o.mode = profile.Replace
	default:
		return fail("-mode %q: want patch or replace", mode)
	}
	return o, 0, true
}

func countStdin(args []string) int {
	n := 0
	for _, a := range args {
		if a == "-" {
			n++
		}
	}
	return n
}

// useConfig loads a config file for a command that needs it compiled: it prints the warnings to
// stderr, and returns nil with the exit code when the file cannot be used.
func useConfig(o options, path string, stdin io.Reader, out *printer) (*configFile, int) {
	cf, verr, err := loadConfig(path, stdin, o.authgear)
	if err != nil {
		return nil, out.fileError(err)
	}
	name := displayName(path)
	out.warn(name, cf.warnings)
	if verr != nil {
		return nil, out.causes(name, "config", verr)
	}
	return cf, exitOK
}

// displayName is how a file argument is named in results: "<stdin>" for "-".
func displayName(path string) string {
	if path == "-" {
		return "<stdin>"
	}
	return path
}

// apply checks an update and prints the next profile and the changes, or the causes.
func apply(o options, stdin io.Reader, out *printer) int {
	cf, code := useConfig(o, o.config, nil, out)
	if cf == nil {
		return code
	}
	var current profile.Profile
	up := profile.Update{Party: o.party, Mode: o.mode}
	if o.current != "" {
		j, err := readJSON(o.current)
		if err != nil {
			return out.fileError(err)
		}
		current, up.UpdatedAt, err = decodeCurrent(j)
		if err != nil {
			return out.fileError(fmt.Errorf("%s: %w", o.current, err))
		}
		if err := cf.schema.Validate(&current); err != nil {
			out.warn(o.current, asValidation(err).Causes)
		}
	}
	if o.identities != "" {
		j, err := readJSON(o.identities)
		if err != nil {
			return out.fileError(err)
		}
		up.Identities, err = decodeIdentities(j)
		if err != nil {
			return out.fileError(fmt.Errorf("%s: %w", o.identities, err))
		}
	}

	name := o.args[0]
	data, err := readFile(name, stdin)
	if err != nil {
		return out.fileError(err)
	}
	name = displayName(name)
	update, cause := toJSON(data, name)
	if cause != nil {
		return out.causes(name, "update", asValidation(cause))
	}
	next, changes, err := cf.schema.ApplyJSON(&current, update, up)
	if err != nil {
		return out.causes(name, "update", asValidation(err))
	}
	return out.result(next, changes)
}

// readJSON reads an auxiliary input file (current profile, identities) as JSON; a syntax
// problem there is an input error, not an invalid update.
func readJSON(path string) ([]byte, error) {
	data, err := readFile(path, nil)
	if err != nil {
		return nil, err
	}
	j, cause := toJSON(data, path)
	if cause != nil {
		return nil, fmt.Errorf("%s: %s", path, cause.Details.Message)
	}
	return j, nil
}

// checkConfigs validates each config file given, reports each, and returns the worst exit code.
func checkConfigs(o options, stdin io.Reader, out *printer) int {
	results := make([]configResult, 0, len(o.args))
	worst := exitOK
	for _, path := range o.args {
		r := configResult{File: displayName(path), Warnings: []*validation.Cause{}}
		cf, verr, err := loadConfig(path, stdin, o.authgear)
		switch {
		case err != nil:
			r.Error, r.code = err.Error(), exitUsage
		case verr != nil:
			r.Causes, r.code = verr.Causes, invalidCode(verr)
		default:
			r.OK = true
		}
		if cf != nil && cf.warnings != nil {
			r.Warnings = cf.warnings
		}
		worst = max(worst, r.code)
		results = append(results, r)
	}
	return max(worst, out.configResults(results))
}

// evolve compares the custom attribute lists of two configs.
func evolve(o options, stdin io.Reader, out *printer) int {
	var files [2]*configFile
	for i, path := range o.args {
		cf, code := useConfig(o, path, stdin, out)
		if cf == nil {
			return code
		}
		files[i] = cf
	}
	defs := func(cf *configFile) []customattr.Definition {
		attrs := cf.config.CustomAttributes.Attributes
		d := make([]customattr.Definition, len(attrs))
		for i := range attrs {
			d[i] = attrs[i].Definition
		}
		return d
	}
	warnings, err := customattr.CheckEvolution(defs(files[0]), defs(files[1]))
	var breaking []*validation.Cause
	if err != nil {
		breaking = asValidation(err).Causes
	}
	// Locations point into the new file's custom attribute list.
	list := files[1].prefix + "/custom_attributes/attributes"
	for _, c := range breaking {
		c.Under(list)
	}
	for _, c := range warnings {
		c.Under(list)
	}
	return out.evolution(breaking, warnings, renames(defs(files[0]), defs(files[1])))
}

// printSchema prints the JSON Schema of the profile document as o.party sees it.
func printSchema(o options, stdin io.Reader, out *printer) int {
	cf, code := useConfig(o, o.args[0], stdin, out)
	if cf == nil {
		return code
	}
	doc, err := jsonschema.Export(cf.schema, o.party, jsonschema.Options{})
	if err != nil {
		return out.fileError(fmt.Errorf("exporting the JSON Schema: %w", err))
	}
	if _, err := fmt.Fprintf(out.stdout, "%s\n", doc); err != nil {
		return out.fileError(fmt.Errorf("writing the result: %w", err))
	}
	return exitOK
}

// rename is a custom attribute that kept its id and changed its name: allowed, and worth
// showing, because clients that use the old name must follow.
type rename struct {
	ID   string `json:"id"`
	From string `json:"from"`
	To   string `json:"to"`
}

// renames lists the attributes of next whose id was in prev under another pointer (first
// entry per id, as CheckEvolution matches them). Reused ids of another type are breaking
// changes and are left out.
func renames(prev, next []customattr.Definition) []rename {
	old := make(map[string]customattr.Definition, len(prev))
	for _, d := range prev {
		if _, seen := old[d.ID]; !seen && d.ID != "" {
			old[d.ID] = d
		}
	}
	var out []rename
	seen := make(map[string]bool, len(next))
	for _, d := range next {
		p, ok := old[d.ID]
		if !ok || seen[d.ID] {
			continue
		}
		seen[d.ID] = true
		if p.Pointer != d.Pointer && p.Type == d.Type {
			out = append(out, rename{ID: d.ID, From: p.Pointer, To: d.Pointer})
		}
	}
	return out
}
