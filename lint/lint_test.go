package lint

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"

	"github.com/google/pprof/profile"

	"github.com/fsmvet/fsmvet/analyzer"
	"github.com/fsmvet/fsmvet/passes/hotspot"
)

// writeModule writes a module of the given files (path: content) and makes it
// the current directory for the rest of the test.
func writeModule(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files["go.mod"] = "module example.com/m\n\ngo 1.26\n"
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	return dir
}

// mainRun runs Main with args and returns its exit status, stdout and
// stderr.
func mainRun(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := Main(args, analyzer.Suite(), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// A machine in package task, driven through an interface by package run:
// pollloop in run can only know task.frame is a machine from fsmswitch's
// fact, exported while task was analysed as a dependency.
const taskSrc = `package task

type phase int

const (
	head phase = iota
	body
	done
)

type frame struct{ p phase }

func New() *frame { return &frame{} }

func (f *frame) Poll() bool {
	switch f.p {
	case head:
		f.p = body
	case body:
		f.p = done
	default:
		return true
	}
	return false
}
`

const runSrc = `package run

import "example.com/m/task"

type Poller interface{ Poll() bool }

var _ Poller = task.New()

func BlockOn(p Poller) {
	for !p.Poll() {
	}
}
`

func TestMainFindsAcrossPackages(t *testing.T) {
	writeModule(t, map[string]string{"task/task.go": taskSrc, "run/run.go": runSrc})
	code, stdout, stderr := mainRun(t, "./...")
	if code != 3 || stdout != "" {
		t.Fatalf("exit %d, stdout %q; want 3 and findings on stderr:\n%s", code, stdout, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	if len(lines) != 4 {
		t.Fatalf("got %d lines, want 4 (a finding and a related line in each package):\n%s", len(lines), stderr)
	}
	for i, prefix := range []string{
		"run/run.go:10:13: ",
		"task/task.go:11:1: \t",
		"task/task.go:16:2: state machine frame.p (phase, 3 states) is dispatched by this switch in (*frame).Poll; fix: ",
		"task/task.go:3:6: \tstate type phase",
	} {
		if !strings.HasPrefix(lines[i], prefix) {
			t.Errorf("line %d = %q, want it to start %q", i+1, lines[i], prefix)
		}
	}
	if !strings.Contains(lines[0], "frame.p") {
		t.Errorf("the poll loop does not name the machine it reaches, known only through a fact: %s", lines[0])
	}
}

func TestMainJSON(t *testing.T) {
	dir := writeModule(t, map[string]string{"task/task.go": taskSrc})
	code, stdout, stderr := mainRun(t, "-json", "./...")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, want 0 and nothing on stderr:\n%s", code, stderr)
	}
	var tree map[string]map[string][]jsonDiagnostic
	if err := json.Unmarshal([]byte(stdout), &tree); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, stdout)
	}
	diags := tree["example.com/m/task"]["fsmswitch"]
	if len(tree) != 1 || len(diags) != 1 {
		t.Fatalf("want one package with one fsmswitch finding:\n%s", stdout)
	}
	d := diags[0]
	file := filepath.Join(dir, "task", "task.go")
	if d.Posn != file+":16:2" || d.End != file+":16:12" || d.Category != "state-machine" ||
		len(d.Related) != 1 || d.Related[0].Posn != file+":3:6" || len(d.SuggestedFixes) != 1 {
		t.Errorf("diagnostic = %+v", d)
	}
	for _, e := range d.SuggestedFixes[0].Edits {
		if e.Filename != file || e.Start < 0 || e.End < e.Start || e.End > len(taskSrc) {
			t.Errorf("edit %+v is not within %s", e, file)
		}
	}
}

func TestMainFix(t *testing.T) {
	writeModule(t, map[string]string{"task/task.go": taskSrc})
	code, stdout, stderr := mainRun(t, "-fix", "-diff", "./...")
	if code != 0 || !strings.HasPrefix(stdout, "--- ") || !strings.Contains(stdout, "+type phase func(f *frame) (bool, bool)") {
		t.Fatalf("-fix -diff: exit %d, want 0 and a diff:\n%s%s", code, stdout, stderr)
	}
	if data, _ := os.ReadFile("task/task.go"); string(data) != taskSrc {
		t.Fatal("-fix -diff wrote the file")
	}
	if code, stdout, stderr = mainRun(t, "-fix", "./..."); code != 0 || stdout+stderr != "" {
		t.Fatalf("-fix: exit %d, want 0 and no output:\n%s%s", code, stdout, stderr)
	}
	data, _ := os.ReadFile("task/task.go")
	if !strings.Contains(string(data), "\nfunc head(f *frame) (bool, bool) {\n") {
		t.Errorf("-fix did not rewrite the machine:\n%s", data)
	}
	if code, _, stderr = mainRun(t, "./..."); code != 0 {
		t.Errorf("after -fix: exit %d, want 0 (nothing left to report):\n%s", code, stderr)
	}
}

func TestMainErrors(t *testing.T) {
	writeModule(t, map[string]string{
		"bad/bad.go":   "package bad\n\nfunc F() int { return \"x\" }\n",
		"user/user.go": "package user\n\nimport \"example.com/m/bad\"\n\nvar X = bad.F() + \"\"\n",
		"task/task.go": taskSrc,
	})
	code, _, stderr := mainRun(t, "./...")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	// The error of bad, once; none for user, which only suffers from it;
	// task's finding all the same.
	if n := strings.Count(stderr, "cannot use \"x\""); n != 1 || !strings.Contains(stderr, "bad/bad.go:3:23: cannot use") {
		t.Errorf("want bad's error once, at bad.go:3:23:\n%s", stderr)
	}
	if strings.Contains(stderr, "user.go") {
		t.Errorf("an error reported in user, which only imports the broken package:\n%s", stderr)
	}
	if !strings.Contains(stderr, "task.go:16:2: state machine") {
		t.Errorf("task's finding is missing:\n%s", stderr)
	}
	if code, _, stderr := mainRun(t, "./nosuchdir/..."); code != 1 || !strings.Contains(stderr, "pattern ./nosuchdir/...: lstat ./nosuchdir/: no such file or directory") {
		t.Errorf("a pattern matching nothing: exit %d, want 1 and a clear error:\n%s", code, stderr)
	}
}

func TestMainUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		exit int
		want string
	}{
		{nil, 2, "Usage:"},
		{[]string{"-h"}, 0, "fsmvet whole"},
		{[]string{"-nonsense", "./..."}, 2, "flag provided but not defined: -nonsense"},
	} {
		code, _, stderr := mainRun(t, c.args...)
		if code != c.exit || !strings.Contains(stderr, c.want) {
			t.Errorf("fsmvet %v: exit %d, want %d and %q:\n%s", c.args, code, c.exit, c.want, stderr)
		}
	}
}

func TestSelected(t *testing.T) {
	a, b := &analysis.Analyzer{Name: "a"}, &analysis.Analyzer{Name: "b"}
	all := []*analysis.Analyzer{a, b}
	for _, c := range []struct {
		args []string
		want []*analysis.Analyzer
	}{
		{nil, all},
		{[]string{"-a"}, []*analysis.Analyzer{a}},
		{[]string{"-b=true"}, []*analysis.Analyzer{b}},
		{[]string{"-a=false"}, []*analysis.Analyzer{b}},
		{[]string{"-a", "-b=false"}, []*analysis.Analyzer{a}},
	} {
		fs, o := newFlags(all)
		if err := fs.Parse(c.args); err != nil {
			t.Fatal(err)
		}
		fs.Visit(func(f *flag.Flag) { o.set[f.Name] = true })
		if got := o.selected(all); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%v selects %v, want %v", c.args, names(got), names(c.want))
		}
	}
}

func names(as []*analysis.Analyzer) []string {
	var ns []string
	for _, a := range as {
		ns = append(ns, a.Name)
	}
	return ns
}

func TestSuite(t *testing.T) {
	type fact struct{ analysis.Fact }
	leaf := &analysis.Analyzer{Name: "leaf"}
	facts := &analysis.Analyzer{Name: "facts", Requires: []*analysis.Analyzer{leaf}, FactTypes: []analysis.Fact{new(fact)}}
	top := &analysis.Analyzer{Name: "top", Requires: []*analysis.Analyzer{facts, inspect.Analyzer}}
	s := newSuite([]*analysis.Analyzer{top})
	if got := names(s.order); !reflect.DeepEqual(got, []string{"leaf", "facts", "inspect", "top"}) {
		t.Errorf("order %v: each analyzer must follow what it requires", got)
	}
	dep, root := &node{}, &node{root: true}
	for a, want := range map[*analysis.Analyzer][2]bool{
		leaf: {true, true}, facts: {true, true}, inspect.Analyzer: {false, true}, top: {false, true},
	} {
		if got := [2]bool{s.runs(a, dep), s.runs(a, root)}; got != want {
			t.Errorf("%s runs on a dependency, a root: %v, want %v", a.Name, got, want)
		}
	}
	if !s.reported[top] || s.reported[facts] {
		t.Errorf("reported = %v, want only top", s.reported)
	}
}

// TestGoVersion: each package is type-checked at its module's Go version,
// as the compiler would.
func TestGoVersion(t *testing.T) {
	dir := writeModule(t, map[string]string{"old/old.go": "package old\n\nfunc F() {\n\tfor range 3 {\n\t}\n}\n"})
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/m\n\ngo 1.21\n"), 0o644)
	code, _, stderr := mainRun(t, "./...")
	if code != 1 || !strings.Contains(stderr, "old/old.go:4:12: cannot range over 3") || !strings.Contains(stderr, "go1.22") {
		t.Errorf("range over an int in a go 1.21 module: exit %d, want 1 and the version error:\n%s", code, stderr)
	}
}

func TestCPUProfileFlag(t *testing.T) {
	writeModule(t, map[string]string{"task/task.go": taskSrc})
	if code, _, stderr := mainRun(t, "-cpuprofile", "nodir/cpu.pprof", "./..."); code != 1 || !strings.Contains(stderr, "nodir/cpu.pprof") {
		t.Errorf("-cpuprofile into a missing directory: exit %d, want 1 naming the file:\n%s", code, stderr)
	}
	if code, _, _ := mainRun(t, "-cpuprofile", "cpu.pprof", "./..."); code != 3 {
		t.Errorf("-cpuprofile: exit %d, want 3 (the finding)", code)
	}
	if info, err := os.Stat("cpu.pprof"); err != nil || info.Size() == 0 {
		t.Errorf("-cpuprofile wrote no profile: %v", err)
	}
}

// writeProfile writes a one-sample CPU profile of the named function.
func writeProfile(t *testing.T, path, fn string) {
	t.Helper()
	f := &profile.Function{ID: 1, Name: fn, SystemName: fn, Filename: "x.go", StartLine: 1}
	loc := &profile.Location{ID: 1, Line: []profile.Line{{Function: f, Line: 2}}}
	p := &profile.Profile{
		SampleType: []*profile.ValueType{{Type: "samples", Unit: "count"}, {Type: "cpu", Unit: "nanoseconds"}},
		Sample:     []*profile.Sample{{Location: []*profile.Location{loc}, Value: []int64{1, 10_000_000}}},
		Location:   []*profile.Location{loc},
		Function:   []*profile.Function{f},
		Mapping:    []*profile.Mapping{{ID: 1, BuildID: "b"}},
	}
	loc.Mapping = p.Mapping[0]
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	if err := p.Write(out); err != nil {
		t.Fatal(err)
	}
}

// TestProfileChecks: a profile that is not one is one error; a profile of
// another program is one warning, and -hot still applies.
func TestProfileChecks(t *testing.T) {
	writeModule(t, map[string]string{"task/task.go": taskSrc, "bad.pprof": "not a profile"})
	hot := hotspot.Analyzer.Flags.Lookup("hot")
	prof := hotspot.Analyzer.Flags.Lookup("profile")
	t.Cleanup(func() { hot.Value.Set("1%"); prof.Value.Set("") })

	code, _, stderr := mainRun(t, "-profile", "bad.pprof", "./...")
	if code != 1 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "fsmvet: -profile: ") || !strings.Contains(stderr, "bad.pprof") {
		t.Errorf("a file that is not a profile: exit %d, want 1 and one line naming it:\n%s", code, stderr)
	}
	writeProfile(t, "other.pprof", "example.com/other.F")
	code, _, stderr = mainRun(t, "-profile", "other.pprof", "-hot", "0", "./...")
	if code != 3 || strings.Count(stderr, "a profile of another program?") != 1 || !strings.Contains(stderr, "none of the profile's functions is in example.com/m/task: ") ||
		strings.Contains(stderr, "under -hot") {
		t.Errorf("a profile of another program, -hot 0: exit %d, want 3 and one warning naming the packages, and no word of -hot:\n%s", code, stderr)
	}
	code, _, stderr = mainRun(t, "-profile", "other.pprof", "-hot", "1%", "./...")
	if code != 0 || !strings.HasSuffix(stderr, "a profile of another program? Every finding would be under -hot=1%.\n") {
		t.Errorf("a profile of another program: exit %d, want 0 and a warning that every finding is under -hot:\n%s", code, stderr)
	}
	writeProfile(t, "mine.pprof", "example.com/m/task.(*frame).Poll")
	code, _, stderr = mainRun(t, "-profile", "mine.pprof", "./...")
	if code != 3 || strings.Contains(stderr, "warning") || !strings.Contains(stderr, "CPU 100.0% cum") {
		t.Errorf("a profile of this program: exit %d, want 3, no warning, the share:\n%s", code, stderr)
	}
}

func TestContextLines(t *testing.T) {
	writeModule(t, map[string]string{"task/task.go": taskSrc})
	_, _, stderr := mainRun(t, "-c", "0", "./...")
	if want := "\n16\t\tswitch f.p {\ntask/task.go:3:6: "; !strings.Contains(stderr, want) {
		t.Errorf("-c 0 should print the finding's own line only:\n%s", stderr)
	}
}

func TestOneAnalyzerHasNoEnableFlag(t *testing.T) {
	fs, _ := newFlags([]*analysis.Analyzer{{Name: "solo"}})
	if fs.Lookup("solo") != nil {
		t.Error("with one analyzer, -solo is registered; it could only turn everything off")
	}
	fs, _ = newFlags([]*analysis.Analyzer{{Name: "one"}, {Name: "two"}})
	if fs.Lookup("one") == nil || fs.Lookup("two") == nil {
		t.Error("with two analyzers, each has its -NAME flag")
	}
}

// TestTags: -tags selects the files go list gives, as go vet -tags does: a
// machine in a file behind a build constraint is seen only with its tag.
func TestTags(t *testing.T) {
	writeModule(t, map[string]string{"task/task.go": "//go:build special\n\n" + taskSrc, "task/plain.go": "package task\n"})
	if code, _, stderr := mainRun(t, "./..."); code != 0 || stderr != "" {
		t.Errorf("without -tags: exit %d, want 0 and nothing:\n%s", code, stderr)
	}
	if code, _, stderr := mainRun(t, "-tags", "special", "./..."); code != 3 || !strings.Contains(stderr, "task/task.go:18:2: state machine frame.p") {
		t.Errorf("-tags special: exit %d, want 3 and the machine:\n%s", code, stderr)
	}
}
