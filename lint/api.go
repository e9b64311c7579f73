package lint

import (
	"flag"
	"fmt"
	"go/token"
	"io"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/fsmvet/fsmvet/internal/edit"
)

// Config says what a run of the main mode analyses, besides its patterns.
type Config struct {
	Dir   string // the directory the patterns are relative to; "" for the current one
	Tests bool   // analyse test files too, as go vet does (-test)
	Tags  string // comma-separated build tags (-tags)

	// Overlay holds contents that replace files on disk, by absolute file
	// name: an editor's unsaved buffers. go list, the parser and
	// Pass.ReadFile all see them.
	Overlay map[string][]byte
}

// Settings returns the Config and analyzers of 'fsmvet [flags]' with the
// flags given by name ("profile", "fsmswitch.blocked") and value, as an
// editor's settings name them: only the flags that decide what is found
// (-test, -tags, -NAME, -NAME.flag, -profile, -hot), each checked as the
// command line checks it. An analyzer's flags are its package's, so they
// stay set for the process.
func Settings(settings map[string]string, analyzers []*analysis.Analyzer) (Config, []*analysis.Analyzer, error) {
	fs, o := findingFlags("fsmvet", analyzers)
	for _, name := range sortedKeys(settings) {
		if fs.Lookup(name) == nil {
			var names []string
			fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
			return Config{}, nil, fmt.Errorf("no setting %q: the settings are the flags that decide what fsmvet finds: %s", name, strings.Join(names, ", "))
		}
		if err := fs.Set(name, settings[name]); err != nil {
			return Config{}, nil, fmt.Errorf("setting %s=%q: %w", name, settings[name], err)
		}
		o.set[name] = true
	}
	return Config{Tests: o.tests, Tags: o.tags}, o.selected(analyzers), nil
}

// Run analyses the packages the patterns name as 'fsmvet [flags]
// packages' does, with the analyzers given and their flags as set, and
// returns what it would print: the findings, sorted by position and
// without repeats, and the errors of packages that do not load or
// type-check (file:line:col: message). It writes the profile's warnings to
// warn. An error is a run that could not start (go list failed, or the
// profile is not a CPU profile).
func Run(cfg Config, analyzers []*analysis.Analyzer, warn io.Writer, patterns ...string) ([]Finding, []string, error) {
	found, errs, err := analyse(cfg, analyzers, warn, patterns)
	if err != nil {
		return nil, nil, err
	}
	findings := make([]Finding, len(found))
	for i, f := range found {
		findings[i] = f.export()
	}
	return findings, errs, nil
}

// A Finding is a finding as the main mode prints it, its positions
// resolved (file names are absolute, columns count bytes).
type Finding struct {
	Analyzer  string
	Posn, End token.Position
	Message   string
	Related   []Related
	Fixes     []Fix
}

// A Related is a related position of a finding.
type Related struct {
	Posn, End token.Position
	Message   string
}

// A Fix is a finding's suggested fix: edits of the package's files, in
// file order.
type Fix struct {
	Message string
	Edits   []FileEdit
}

// A FileEdit is an edit of the named file.
type FileEdit struct {
	File string
	edit.Edit
}

func (f finding) export() Finding {
	out := Finding{Analyzer: f.analyzer, Posn: f.posn, End: f.end, Message: f.message}
	for _, r := range f.related {
		out.Related = append(out.Related, Related{Posn: r.posn, End: r.end, Message: r.message})
	}
	for _, fx := range f.fixes {
		ef := Fix{Message: fx.message}
		for _, e := range fx.edits {
			ef.Edits = append(ef.Edits, FileEdit{File: e.file, Edit: e.Edit})
		}
		out.Fixes = append(out.Fixes, ef)
	}
	return out
}

// A FixedFile is a file a fix changes, before and after.
type FixedFile struct {
	Name          string
	Before, After []byte
}

// Apply returns each file the fix changes as 'fsmvet -fix' leaves it:
// its text as read with the fix's edits made, gofmt'ed.
func (fx Fix) Apply(read func(name string) ([]byte, error)) ([]FixedFile, error) {
	var files []FixedFile
	for i := 0; i < len(fx.Edits); {
		name := fx.Edits[i].File
		var edits []edit.Edit
		for ; i < len(fx.Edits) && fx.Edits[i].File == name; i++ {
			edits = append(edits, fx.Edits[i].Edit)
		}
		src, err := read(name)
		if err != nil {
			return nil, fmt.Errorf("applying a fix: %w", err)
		}
		out, err := fixedSource(name, src, edits)
		if err != nil {
			return nil, err
		}
		files = append(files, FixedFile{Name: name, Before: src, After: out})
	}
	return files, nil
}
