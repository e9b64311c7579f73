package hotspot

import (
	_ "embed"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/fsmvet/fsmvet/internal/analyzerdoc"
	"github.com/fsmvet/fsmvet/profile"
)

var Analyzer = &analysis.Analyzer{
	Name:       "hotspot",
	Doc:        analyzerdoc.MustSection(doc, "hotspot"),
	URL:        "https://pkg.go.dev/github.com/fsmvet/fsmvet/passes/hotspot",
	Run:        run,
	ResultType: reflect.TypeFor[*Result](),
}

// doc is the manual: Analyzer.Doc is its section on the analyzer.
//
//go:embed doc.go
var doc string

var (
	profileFlag files
	hotFlag     = profile.DefaultHot
)

func init() {
	Analyzer.Flags.Var(&profileFlag, "profile", "CPU profiles (comma-separated) that rank the findings")
	Analyzer.Flags.Var(&hotFlag, "hot", "with -profile, report only findings with at least this share of CPU (1% or 0.01)")
}

// files is a flag value naming profiles. Setting it checks the files
// exist, so a wrong path is one clear error from the flag parser rather
// than one per package; parsing waits until a finding needs it. The empty
// string, the default, names none: a driver that configures the
// analyzers more than once in a process (golangci-lint's plugin) sets
// every flag back to its default first.
type files []string

func (f *files) String() string { return strings.Join(*f, ",") }

func (f *files) Set(v string) error {
	*f = nil
	if v == "" {
		return nil
	}
	for _, name := range profile.Names(v) {
		if _, err := os.Stat(name); err != nil {
			if !filepath.IsAbs(name) {
				// go vet runs its tool in each package's directory.
				return fmt.Errorf("%w (under go vet a relative path is read in each package's directory: give -profile=$PWD/%s)", err, name)
			}
			return err
		}
		*f = append(*f, name)
	}
	return nil
}

// Result gives a package's findings their share of the profile.
type Result struct {
	files []string
	hot   profile.Share

	once sync.Once // the profile is parsed on first need
	prof *profile.Profile
	err  error
}

func run(pass *analysis.Pass) (any, error) {
	return &Result{files: profileFlag, hot: hotFlag}, nil
}

// Profile returns the profile, parsing it on first use, or nil when no
// profile was given.
func (r *Result) Profile() (*profile.Profile, error) {
	if len(r.files) == 0 {
		return nil, nil
	}
	r.once.Do(func() { r.prof, r.err = profile.Load(r.files...) })
	return r.prof, r.err
}

// Annotate adds to d its share of the profile, measured at the function
// named fn (as profiles name it) and, when offset is not nil, at that
// line offset within it (a poll loop's call). It reports whether d is hot
// enough to report.
func (r *Result) Annotate(d *analysis.Diagnostic, fn string, offset *int) (bool, error) {
	prof, err := r.Profile()
	if prof == nil {
		return true, err
	}
	var flat, cum float64
	if f := prof.Func(fn); f == nil {
		d.Message += shareSep + "0% (not in the profile)"
	} else {
		flat, cum = prof.Share(f.Flat), prof.Share(f.Cum)
		if offset != nil {
			flat, cum = prof.Share(f.LineFlat[*offset]), prof.Share(f.LineCum[*offset])
		}
		d.Message += fmt.Sprintf(shareSep+"%.1f%% cum, %.1f%% flat (rank %d of %d)", 100*cum, 100*flat, prof.Rank(fn), len(prof.Funcs()))
	}
	if offset != nil {
		var cs []string
		for _, c := range prof.Callees(profile.Site{Func: fn, Offset: *offset}) {
			cs = append(cs, fmt.Sprintf("%s %.0f%%", shortName(c.Name), 100*c.Share))
		}
		if len(cs) > 0 {
			d.Message += "; callees: " + strings.Join(cs, ", ")
		}
	}
	return profile.Share(cum) >= r.hot, nil
}

// shareSep starts what Annotate adds to a message.
const shareSep = "; CPU "

// Share returns what Annotate added to a finding's message (its share of
// CPU, rank and callees: "CPU 31.4% cum, 12.8% flat (rank 3 of 41);
// callees: ..."), and whether it added anything: for an editor that shows
// the share apart from the finding.
func Share(message string) (string, bool) {
	i := strings.LastIndex(message, shareSep)
	if i < 0 {
		return "", false
	}
	return message[i+len("; "):], true
}

// Hot reports whether a finding with the share cum of the profile is hot
// enough to report, for an analyzer that measures its findings itself
// (generator weighs several sites at once).
func (r *Result) Hot(cum float64) bool { return profile.Share(cum) >= r.hot }

// shortName drops the import path's directories from a function name.
func shortName(name string) string { return name[strings.LastIndex(name, "/")+1:] }
