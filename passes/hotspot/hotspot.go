package hotspot

import (
	_ "embed"
	"fmt"
	"os"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/fsmvet/fsmvet/internal/analyzerdoc"
	"github.com/fsmvet/fsmvet/profile"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:       "hotspot",
	Doc:        analyzerdoc.MustSection(doc, "hotspot"),
	URL:        "https://pkg.go.dev/github.com/fsmvet/fsmvet/passes/hotspot",
	Run:        run,
	ResultType: reflect.TypeFor[*Result](),
}

var (
	profileFlag files
	hotFlag     share
)

func init() {
	Analyzer.Flags.Var(&profileFlag, "profile", "CPU profiles (comma-separated) that rank the findings")
	Analyzer.Flags.Var(&hotFlag, "hot", "report only findings with at least this share of CPU (1% or 0.01); needs -profile")
}

// files is a flag value naming profiles. Setting it checks the files
// exist, so a wrong path is one clear error from the flag parser rather
// than one per package; parsing waits until a finding needs it.
type files []string

func (f *files) String() string { return strings.Join(*f, ",") }

func (f *files) Set(v string) error {
	*f = nil
	for _, name := range strings.Split(v, ",") {
		if _, err := os.Stat(name); err != nil {
			return err
		}
		*f = append(*f, name)
	}
	return nil
}

// A share is a flag value like "1%" or "0.01".
type share float64

func (s *share) String() string { return strconv.FormatFloat(float64(*s)*100, 'g', -1, 64) + "%" }

func (s *share) Set(v string) error {
	p, pct := strings.CutSuffix(v, "%")
	f, err := strconv.ParseFloat(p, 64)
	if err != nil || f < 0 {
		return fmt.Errorf("want a share such as 1%% or 0.01, not %q", v)
	}
	if pct {
		f /= 100
	}
	*s = share(f)
	return nil
}

// Result gives a package's findings their share of the profile.
type Result struct {
	files []string
	hot   float64

	once sync.Once // the profile is parsed on first need
	prof *profile.Profile
	err  error
}

func run(pass *analysis.Pass) (any, error) {
	return &Result{files: profileFlag, hot: float64(hotFlag)}, nil
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
		d.Message += "; CPU 0% (not in the profile)"
	} else {
		flat, cum = prof.Share(f.Flat), prof.Share(f.Cum)
		if offset != nil {
			flat, cum = prof.Share(f.LineFlat[*offset]), prof.Share(f.LineCum[*offset])
		}
		d.Message += fmt.Sprintf("; CPU %.1f%% cum, %.1f%% flat (rank %d of %d)", 100*cum, 100*flat, prof.Rank(fn), len(prof.Funcs()))
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
	return cum >= r.hot, nil
}

// shortName drops the import path's directories from a function name.
func shortName(name string) string {
	if i := strings.LastIndex(name, "/"); i >= 0 {
		return name[i+1:]
	}
	return name
}
