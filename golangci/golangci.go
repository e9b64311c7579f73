// Package golangci registers fsmvet as a golangci-lint v2 module plugin
// named "fsmvet": every analyzer of analyzer.Suite, configured from the
// plugin's settings in .golangci.yml, one section per analyzer holding its
// flags without the dash:
//
//	linters:
//	  settings:
//	    custom:
//	      fsmvet:
//	        type: module
//	        settings:
//	          fsmswitch:
//	            blocked: true           # -fsmswitch.blocked
//	            destructors: Close,Stop # or a list: [Close, Stop]
//	          pollloop:
//	            all: true               # -pollloop.all
//	          hotspot:
//	            profile: cpu.pprof      # read in the directory golangci-lint runs in
//	            hot: 2%
//
// docs/golangci-lint.md says how to build golangci-lint with it.
//
// The package imports only golangci-lint's plugin-module-register (one
// file, no dependency but x/tools), never golangci-lint itself, so that
// building fsmvet's own command downloads nothing of golangci-lint.
package golangci

import (
	"cmp"
	"flag"
	"fmt"
	"go/token"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/fsmvet/fsmvet/analyzer"
)

func init() {
	register.Plugin("fsmvet", New)
}

// Settings are the plugin's settings: analyzer name, then flag name, then
// its value (a string, a bool, a number, or a list, joined by commas as
// the flag reads it).
type Settings map[string]map[string]any

type plugin struct{}

// New configures fsmvet's analyzers from golangci-lint's settings.
//
// The analyzers keep their flags in package variables, as every
// go/analysis analyzer with Flags does: unitchecker and multichecker set
// them once per process from the command line, and an Analyzer has no
// other place for them. So New sets them the same way, through each
// analyzer's FlagSet, and starts every flag from its default: a setting
// left out of a later instance's configuration does not keep an earlier
// instance's value. What it cannot give is two instances with different
// settings alive at once; golangci-lint makes one, since it looks a
// module plugin up by its name, which .golangci.yml holds once.
func New(conf any) (register.LinterPlugin, error) {
	settings, err := register.DecodeSettings[Settings](conf)
	if err != nil {
		return nil, fmt.Errorf("fsmvet's settings: %w", err)
	}
	if err := configure(analyzer.Suite(), settings); err != nil {
		return nil, err
	}
	return plugin{}, nil
}

// BuildAnalyzers returns the suite, adapted to golangci-lint's fixer.
func (plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return oneFileFixes(analyzer.Suite()), nil
}

// GetLoadMode asks for syntax and types: fsmswitch and pollloop read
// types, and pollloop builds SSA.
func (plugin) GetLoadMode() string { return register.LoadModeTypesInfo }

// configure checks that every setting names an analyzer of the suite and
// one of its flags, then sets every flag of the suite: to its setting, or
// back to its default.
func configure(suite []*analysis.Analyzer, settings Settings) error {
	byName := make(map[string]*analysis.Analyzer, len(suite))
	for _, a := range suite {
		byName[a.Name] = a
	}
	for _, name := range slices.Sorted(maps.Keys(settings)) {
		a := byName[name]
		if a == nil {
			return fmt.Errorf("fsmvet has no analyzer %q; its analyzers: %s", name, strings.Join(slices.Sorted(maps.Keys(byName)), ", "))
		}
		for _, f := range slices.Sorted(maps.Keys(settings[name])) {
			if a.Flags.Lookup(f) == nil {
				return fmt.Errorf("fsmvet's %s has no setting %q; its settings: %s", name, f, strings.Join(flagNames(&a.Flags), ", "))
			}
		}
	}
	for _, a := range suite {
		for _, name := range flagNames(&a.Flags) {
			f := a.Flags.Lookup(name)
			v, ok := f.DefValue, false
			if setting, set := settings[a.Name][name]; set {
				if v, ok = flagValue(setting); !ok {
					return fmt.Errorf("fsmvet's %s.%s: want a string, a bool, a number or a list of them, got %v", a.Name, name, setting)
				}
			}
			if err := f.Value.Set(v); err != nil {
				return fmt.Errorf("fsmvet's %s.%s: %w", a.Name, name, err)
			}
		}
	}
	return nil
}

// flagNames returns the names of the flags in fs, sorted.
func flagNames(fs *flag.FlagSet) []string {
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	return names
}

// flagValue returns a setting as a flag's command-line text: a scalar as
// it is written, a list of scalars joined by commas.
func flagValue(v any) (string, bool) {
	list, ok := v.([]any)
	if !ok {
		return scalarValue(v)
	}
	parts := make([]string, len(list))
	for i, e := range list {
		if parts[i], ok = scalarValue(e); !ok {
			return "", false
		}
	}
	return strings.Join(parts, ","), true
}

// scalarValue returns a string, bool or number setting as a flag's text.
// JSON, which the settings pass through, gives numbers as float64; they
// are written without an exponent, which -hot would refuse.
func scalarValue(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case bool:
		return strconv.FormatBool(v), true
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), true
	}
	return "", false
}

// oneFileFixes returns copies of the suite whose fixes golangci-lint can
// apply. golangci-lint v2.15.0 applies a fix's edits to the file of its
// diagnostic only and drops the rest (golangci/golangci-lint#6671): the
// fix of a machine whose state type is declared in another file than its
// switch would be half applied and no longer compile. The copies report
// such a fix's diagnostic without the fix, saying so, and leave every
// other diagnostic as it is.
//
// A driver's Report is reached only through the Pass that Run receives,
// so each copy runs the original analyzer on a copy of the pass whose
// Report goes through the check. The copies require each other in place
// of the originals (whose results they hand on under the originals'
// keys), so each analysis runs once.
func oneFileFixes(suite []*analysis.Analyzer) []*analysis.Analyzer {
	original := make(map[*analysis.Analyzer]*analysis.Analyzer, len(suite))
	copies := make(map[*analysis.Analyzer]*analysis.Analyzer, len(suite))
	for _, a := range suite {
		c := *a
		copies[a], original[&c] = &c, a
	}
	out := make([]*analysis.Analyzer, len(suite))
	for i, a := range suite {
		c := copies[a]
		c.Requires = make([]*analysis.Analyzer, len(a.Requires))
		for j, r := range a.Requires {
			c.Requires[j] = cmp.Or(copies[r], r)
		}
		c.Run = func(pass *analysis.Pass) (any, error) {
			p := *pass
			p.Analyzer = a
			p.ResultOf = make(map[*analysis.Analyzer]any, len(pass.ResultOf))
			for r, res := range pass.ResultOf {
				p.ResultOf[cmp.Or(original[r], r)] = res
			}
			p.Report = func(d analysis.Diagnostic) { pass.Report(withOneFileFixes(pass.Fset, d)) }
			return a.Run(&p)
		}
		out[i] = c
	}
	return out
}

// withOneFileFixes returns d without the fixes that edit a file other
// than d's, its message saying how many files such a fix edits.
func withOneFileFixes(fset *token.FileSet, d analysis.Diagnostic) analysis.Diagnostic {
	file := fset.File(d.Pos)
	var kept []analysis.SuggestedFix
	for _, fix := range d.SuggestedFixes {
		edited := make(map[*token.File]bool)
		for _, e := range fix.TextEdits {
			edited[fset.File(e.Pos)] = true
		}
		if len(edited) == 0 || len(edited) == 1 && edited[file] {
			kept = append(kept, fix)
			continue
		}
		d.Message += fmt.Sprintf("; golangci-lint --fix cannot apply the fix, which edits %d files: run fsmvet -fix", len(edited))
	}
	d.SuggestedFixes = kept
	return d
}
