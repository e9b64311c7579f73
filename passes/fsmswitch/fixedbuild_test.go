package fsmswitch_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
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
			writeGoldens(t, gopath, src, pkg, goldens)
			goTool(t, gopath, "vet", pkg) // after
			goTool(t, gopath, "test", "-count=1", pkg)
			checkKnownAfterFix(t, before, machineForms(t, gopath, pkg))
		})
	}
}

// checkKnownAfterFix checks that every machine fixed is then known in
// transition-pointer form, so pollloop and report see the rewritten
// machine as what it is, and that no machine is left switch-dispatched.
func checkKnownAfterFix(t *testing.T, before, after map[string]*fsmswitch.MachineFact) {
	t.Helper()
	fixed := 0
	for name, fact := range before {
		if fact.Form != fsmswitch.SwitchForm || len(fact.Blockers) > 0 {
			continue // no fix offered
		}
		fixed++
		if after[name] == nil || after[name].Form != fsmswitch.TransitionPointerForm {
			t.Errorf("after the fix, %s is %v, want a transition-pointer machine", name, after[name])
		}
	}
	if fixed == 0 {
		t.Errorf("no switch-dispatched machine before the fix: %v", before)
	}
}

// machineForms runs fsmswitch on pkg in the GOPATH-mode fixture tree and
// returns the fact of each machine it knows, by type name.
func machineForms(t *testing.T, gopath, pkg string) map[string]*fsmswitch.MachineFact {
	t.Helper()
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
	cmd := exec.Command("go", args...)
	cmd.Dir = filepath.Join(gopath, "src")
	cmd.Env = append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOFLAGS=")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
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
