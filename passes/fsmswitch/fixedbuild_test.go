package fsmswitch_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/txtar"

	"github.com/fsmvet/fsmvet/passes/fsmswitch"
)

// TestFixedFixturesBuildAndPass checks what a golden file cannot: that the
// code after the fix compiles, passes go vet, and passes the fixture
// package's own tests, which drive each machine through its methods. The
// same tests run before the fix, so a rewrite that changes behaviour fails
// one side. (TestMachines checks that the fix produces the golden files.)
func TestFixedFixturesBuildAndPass(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and tests the fixture packages twice")
	}
	src := filepath.Join(testdata(), "src")
	goldens, err := filepath.Glob(filepath.Join(src, "*", "*.golden"))
	if err != nil {
		t.Fatal(err)
	}
	more, _ := filepath.Glob(filepath.Join(src, "*", "*", "*.golden"))
	goldens = append(goldens, more...)
	pkgs := map[string]bool{}
	for _, g := range goldens {
		rel, _ := filepath.Rel(src, filepath.Dir(g))
		if pkg := filepath.ToSlash(rel); !strings.HasPrefix(pkg, "generator/") { // passes/generator builds its own
			pkgs[pkg] = true
		}
	}
	if len(pkgs) < 4 {
		t.Fatalf("found golden files for %d packages, want at least 4: %v", len(pkgs), pkgs)
	}
	gopath := t.TempDir()
	if err := os.CopyFS(filepath.Join(gopath, "src"), os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	for pkg := range pkgs {
		t.Run(pkg, func(t *testing.T) {
			if testFile, ok := breaksTests[pkg]; ok {
				writeGoldens(t, gopath, src, pkg, goldens)
				checkBreaksTests(t, gopath, pkg, testFile)
				return
			}
			goTool(t, gopath, "test", pkg) // before
			before := machineForms(t, gopath, pkg)
			heapBefore := heapMoves(t, gopath, pkg)
			allocsBefore := benchAllocs(t, gopath, pkg)
			writeGoldens(t, gopath, src, pkg, goldens)
			goTool(t, gopath, "vet", pkg) // after
			goTool(t, gopath, "test", "-count=1", pkg)
			runStaticcheck(t, gopath, pkg)
			checkKnownAfterFix(t, before, machineForms(t, gopath, pkg))
			checkNoNewHeapMoves(t, heapBefore, heapMoves(t, gopath, pkg))
			checkNoNewAllocs(t, allocsBefore, benchAllocs(t, gopath, pkg))
			checkInlined(t, gopath, pkg, inlinedConsumers[pkg])
		})
	}
}

// checkKnownAfterFix checks that every machine fixed is then known in the
// form of its fix (transition-pointer, or table), so pollloop and report
// see the rewritten machine as what it is, and that no machine is left
// switch-dispatched.
func checkKnownAfterFix(t *testing.T, before, after map[string]*fsmswitch.MachineFact) {
	t.Helper()
	fixed := 0
	for name, fact := range before {
		if fact.Form != fsmswitch.SwitchForm || fact.Fix == "" {
			continue // no fix offered
		}
		fixed++
		if len(fact.Blockers) > 0 {
			t.Errorf("%s is offered a %s fix, with blockers %v", name, fact.Fix, fact.Blockers)
		}
		if after[name] == nil || after[name].Form != fact.Fix {
			t.Errorf("after the fix, %s is %v, want a %s machine", name, after[name], fact.Fix)
		}
	}
	if fixed == 0 {
		t.Errorf("no switch-dispatched machine before the fix: %v", before)
	}
}

// fixtureForms are the -fsmswitch.form of the fixtures whose golden files
// are not the default's.
var fixtureForms = map[string]string{"tableforms": "table"}

// inlinedConsumers lists, for each fixture, the consumers that are
// nothing but the dispatch after the fix, which the compiler must be able
// to inline: a step through them then costs one indirect call and nothing
// else. (methexprs' (*reader).read is not among them: its three words of
// parameters cost it 81 of the inliner's budget of 80.)
var inlinedConsumers = map[string][]string{
	"scan16":     {"(*scanner).Step"},
	"machine":    {"(*frameReader).Poll"},
	"fixedges":   {"(*motor).Tick", "(*lamp).Toggle", "(*bag).Add", "(*knob).Turn"},
	"farfile":    {"(*farStep).step", "(*aliasStep).step", "(*otherStep).step"},
	"trust":      {"(*runner).Step", "(*machine).Step", "(*decoder).Flush"},
	"zeros":      {"(*bell).Ring"},
	"methexprs":  {"(*decompressor).doStep"},
	"trailing":   {"(*parser).step", "(*lamp).flip"},
	"driver":     {"(*lexer).step", "(*resetter).step"},
	"tables":     {"(*lexer).step", "(*conn).Step", "(*words).feed", "(*valve).turn"},
	"tableforms": {"(*frameReader).Poll"},
	"stack":      {"(*keeper).flip"},
}

// checkInlined checks that the compiler can inline each of the methods.
func checkInlined(t *testing.T, gopath, pkg string, methods []string) {
	t.Helper()
	out := goOutput(t, gopath, "build", "-gcflags=-m", pkg)
	for _, m := range methods {
		if !strings.Contains(out, ": can inline "+m+"\n") {
			t.Errorf("after the fix, the compiler cannot inline %s:\n%s", m, out)
		}
	}
}

// heapMoves runs the compiler's escape analysis over pkg and its tests
// and counts, in each file, what it moves to the heap: variables, and
// the values &T{...} and new(T) make. Test files do not count: the stack
// rule leaves their allocations to them (stack.go).
func heapMoves(t *testing.T, gopath, pkg string) map[string]int {
	t.Helper()
	out := goOutput(t, gopath, "test", "-c", "-o", os.DevNull, "-gcflags=-m", pkg)
	moves := make(map[string]int)
	for line := range strings.Lines(out) {
		file, msg, ok := strings.Cut(line, ": ")
		if !ok {
			continue
		}
		file, _, _ = strings.Cut(file, ":")
		msg = strings.TrimSpace(msg)
		switch {
		case strings.HasSuffix(file, "_test.go"):
		case strings.HasPrefix(msg, "moved to heap: "),
			strings.HasSuffix(msg, " escapes to heap") && (strings.HasPrefix(msg, "&") || strings.HasPrefix(msg, "new(")):
			moves[file+": "+msg]++
		}
	}
	return moves
}

// checkNoNewHeapMoves checks that the fix moved nothing to the heap that
// was not there: an allocation per machine (a machine that lived on its
// function's stack escaping through the indirect call) is what the
// stack rule keeps out.
func checkNoNewHeapMoves(t *testing.T, before, after map[string]int) {
	t.Helper()
	for move, n := range after {
		if n > before[move] {
			t.Errorf("after the fix, %d times %q, before %d", n, move, before[move])
		}
	}
}

// allocs are a benchmark's bytes and allocations per op.
type allocs struct{ bytes, count int }

// benchAllocs runs pkg's benchmarks a fixed number of times and returns
// each one's bytes and allocations per op: what escape analysis does not
// report (a generic function's value is a closure over its type
// arguments, allocated where it is made) shows here.
func benchAllocs(t *testing.T, gopath, pkg string) map[string]allocs {
	t.Helper()
	out := goOutput(t, gopath, "test", "-count=1", "-run=^$", "-bench=.", "-benchtime=1000x", "-benchmem", "-cpu=1", pkg)
	got := make(map[string]allocs)
	for line := range strings.Lines(out) {
		var name string
		var n int
		var ns float64
		var a allocs
		if _, err := fmt.Sscanf(line, "%s %d %f ns/op %d B/op %d allocs/op", &name, &n, &ns, &a.bytes, &a.count); err == nil {
			got[name] = a
		}
	}
	return got
}

// checkNoNewAllocs checks that the fix adds no allocation to any of the
// package's benchmarks: a fix that allocates is one the stack rule, or
// the generic-struct rule, should have kept out. Each allocation may grow
// by one size class (16 bytes): the tag form adds a field to the struct.
func checkNoNewAllocs(t *testing.T, before, after map[string]allocs) {
	t.Helper()
	for name, a := range after {
		if b := before[name]; a.count > b.count || a.bytes > b.bytes+16*b.count {
			t.Errorf("after the fix, %s: %d B/op, %d allocs/op; before %d B/op, %d allocs/op", name, a.bytes, a.count, b.bytes, b.count)
		}
	}
}

// staticcheck is the pinned staticcheck's binary, built once.
var staticcheck = sync.OnceValues(func() (string, error) {
	if home, err := os.UserHomeDir(); err == nil {
		if bin := filepath.Join(home, "go", "bin", "staticcheck"); exec.Command(bin, "-version").Run() == nil {
			return bin, nil
		}
	}
	dir, err := os.MkdirTemp("", "staticcheck")
	if err != nil {
		return "", err
	}
	cmd := exec.Command("go", "install", "honnef.co/go/tools/cmd/staticcheck@v0.8.2")
	cmd.Env = append(os.Environ(), "GOBIN="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("installing staticcheck: %v\n%s", err, out)
	}
	return filepath.Join(dir, "staticcheck"), nil
})

// runStaticcheck runs staticcheck on pkg, its tests included.
func runStaticcheck(t *testing.T, gopath, pkg string) {
	t.Helper()
	bin, err := staticcheck()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, pkg)
	cmd.Dir = filepath.Join(gopath, "src")
	cmd.Env = append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOFLAGS=")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("staticcheck %s after the fix: %v\n%s", pkg, err, out)
	}
}

// machineForms runs fsmswitch on pkg in the GOPATH-mode fixture tree and
// returns the fact of each machine it knows, by type name.
func machineForms(t *testing.T, gopath, pkg string) map[string]*fsmswitch.MachineFact {
	t.Helper()
	if form, ok := fixtureForms[pkg]; ok {
		setFlag(t, "form", form)
		defer fsmswitch.Analyzer.Flags.Set("form", "auto")
	}
	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  filepath.Join(gopath, "src"),
		Env:  append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOFLAGS="),
	}
	pkgs, err := packages.Load(cfg, pkg)
	if err != nil || packages.PrintErrors(pkgs) > 0 {
		t.Fatalf("loading %s: %v", pkg, err)
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{fsmswitch.Analyzer}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	forms := make(map[string]*fsmswitch.MachineFact)
	for _, act := range graph.Roots {
		for _, f := range act.AllObjectFacts() {
			if mf, ok := f.Fact.(*fsmswitch.MachineFact); ok && f.Object.Pkg() == act.Package.Types {
				forms[f.Object.Name()] = mf
			}
		}
	}
	return forms
}

// breaksTests lists the fixtures whose golden file is the fix offered by
// the package variant without tests, which cannot see them, with the test
// file that no longer compiles after it. fsmvet and go vet analyse the
// variant with the tests, which blocks the rewrite instead; drivers that
// analyse both variants show both (doc.go says so).
var breaksTests = map[string]string{"testreads": "testreads_test.go"}

// checkBreaksTests checks that the fixed package builds but its tests do
// not, failing in testFile.
func checkBreaksTests(t *testing.T, gopath, pkg, testFile string) {
	t.Helper()
	goTool(t, gopath, "build", pkg)
	cmd := exec.Command("go", "vet", pkg)
	cmd.Dir = filepath.Join(gopath, "src")
	cmd.Env = append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOFLAGS=")
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), testFile) {
		t.Errorf("go vet %s after the fix: %v, want its tests in %s to fail to compile:\n%s", pkg, err, testFile, out)
	}
}

// writeGoldens writes the golden files of pkg over its sources in gopath.
func writeGoldens(t *testing.T, gopath, src, pkg string, goldens []string) {
	t.Helper()
	for _, g := range goldens {
		if rel, _ := filepath.Rel(src, filepath.Dir(g)); filepath.ToSlash(rel) == pkg {
			data, err := os.ReadFile(g)
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(gopath, "src", pkg, strings.TrimSuffix(filepath.Base(g), ".golden"))
			if err := os.WriteFile(out, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// goTool runs the go command on the GOPATH-mode fixture tree.
func goTool(t *testing.T, gopath string, args ...string) {
	t.Helper()
	goOutput(t, gopath, args...)
}

// goOutput runs the go command on the GOPATH-mode fixture tree and
// returns its output.
func goOutput(t *testing.T, gopath string, args ...string) string {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = filepath.Join(gopath, "src")
	cmd.Env = append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOFLAGS=")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// TestStackMatchesCompiler checks the stack rule against the compiler's
// escape analysis on the stack fixture, as written: where fsmswitch says
// a machine lives on its function's stack (a line marked "// stack:"),
// the compiler keeps it there; where a machine is on the heap already
// ("// on the heap:"), the compiler moves it there and fsmswitch blocks
// nothing.
func TestStackMatchesCompiler(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the stack fixture")
	}
	setFlag(t, "blocked", "true")
	results := analysistest.Run(t, testdata(), fsmswitch.Analyzer, "stack")
	blocked := make(map[int]bool)
	for _, m := range results[0].Result.(*fsmswitch.Result).Machines {
		for _, b := range m.Blockers {
			if strings.Contains(b.Reason, "lives on its stack") {
				blocked[results[0].Pass.Fset.Position(b.Pos).Line] = true
			}
		}
	}
	gopath := t.TempDir()
	for _, pkg := range []string{"stack", "escape"} {
		if err := os.CopyFS(filepath.Join(gopath, "src", pkg), os.DirFS(filepath.Join(testdata(), "src", pkg))); err != nil {
			t.Fatal(err)
		}
	}
	escapes := make(map[int][]string) // the compiler's messages, by line of stack.go
	for line := range strings.Lines(goOutput(t, gopath, "build", "-gcflags=-m", "stack")) {
		var n int
		if _, err := fmt.Sscanf(line, "stack/stack.go:%d:", &n); err == nil {
			escapes[n] = append(escapes[n], line)
		}
	}
	src, err := os.ReadFile(filepath.Join(testdata(), "src", "stack", "stack.go"))
	if err != nil {
		t.Fatal(err)
	}
	marked := 0
	for i, line := range strings.Split(string(src), "\n") {
		n, msgs := i+1, strings.Join(escapes[i+1], "")
		onHeap := strings.Contains(msgs, "escapes to heap") || strings.Contains(msgs, "moved to heap")
		switch {
		case strings.Contains(line, "// stack:"):
			marked++
			if !blocked[n] || onHeap {
				t.Errorf("stack.go:%d: blocked %v, the compiler: %q; want blocked, on the stack", n, blocked[n], msgs)
			}
		case strings.Contains(line, "// on the heap:"):
			marked++
			if blocked[n] || !onHeap {
				t.Errorf("stack.go:%d: blocked %v, the compiler: %q; want not blocked, on the heap", n, blocked[n], msgs)
			}
		}
	}
	if marked < 15 || len(blocked) != 9 {
		t.Errorf("%d marked lines, %d blocked, want 15 or more and 9", marked, len(blocked))
	}
}

// TestFormsAgree runs the tests of testdata/src/forms, the 16-state
// machine in each dispatch form that docs/performance.md measures: all
// forms must compute what the oracle does. go test ./... does not reach
// testdata, so this test does.
func TestFormsAgree(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and tests the forms fixture")
	}
	gopath := t.TempDir()
	for _, pkg := range []string{"forms", "scanoracle"} {
		if err := os.CopyFS(filepath.Join(gopath, "src", pkg), os.DirFS(filepath.Join(testdata(), "src", pkg))); err != nil {
			t.Fatal(err)
		}
	}
	goTool(t, gopath, "test", "-count=1", "forms")
}

// TestUnformattedSource runs the fixture of testdata/unformatted.txtar,
// code gofmt would reformat: a case whose first statement follows its
// colon on the same line is rewritten like any other, and the fixed code
// passes go vet.
func TestUnformattedSource(t *testing.T) {
	ar, err := txtar.ParseFile(filepath.Join(testdata(), "unformatted.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	gopath := t.TempDir()
	for _, f := range ar.Files {
		name := filepath.Join(gopath, "src", filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	analysistest.RunWithSuggestedFixes(t, gopath, fsmswitch.Analyzer, "unformatted")
	if testing.Short() {
		return
	}
	goldens, _ := filepath.Glob(filepath.Join(gopath, "src", "unformatted", "*.golden"))
	writeGoldens(t, gopath, filepath.Join(gopath, "src"), "unformatted", goldens)
	goTool(t, gopath, "vet", "unformatted")
}
