package generator_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/txtar"

	"github.com/fsmvet/fsmvet/passes/generator"
)

// TestFixedFixturesBuildAndPass checks what a golden file cannot: that
// the code after each fix compiles, passes go vet and the fixture
// package's own tests, which pass before the fix too. A test named
// TestFixed* shows what the fix changes (a loop that leaves early no
// longer leaks its goroutine; a panic in a generator reaches the loop):
// it must fail before the fix and pass after. A golden file in txtar
// form holds one fix per section, for fixes that a driver applies one at
// a time: each section is built and tested alone.
// (TestChannelGenerators and TestPullLoops check that the fixes produce
// the golden files.)
func TestFixedFixturesBuildAndPass(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and tests the fixture packages before and after their fixes")
	}
	src := filepath.Join(testdata(t), "src")
	goldens, err := filepath.Glob(filepath.Join(src, "generator", "*", "*.golden"))
	if err != nil {
		t.Fatal(err)
	}
	var pkgs []string
	for _, g := range goldens {
		rel, _ := filepath.Rel(src, filepath.Dir(g))
		if pkg := filepath.ToSlash(rel); !slices.Contains(pkgs, pkg) {
			pkgs = append(pkgs, pkg)
		}
	}
	if len(pkgs) < 5 {
		t.Fatalf("found golden files for %d packages, want at least 5: %v", len(pkgs), pkgs)
	}
	var shown atomic.Int32 // TestFixed* tests, failing before and passing after
	t.Run("fixtures", func(t *testing.T) {
		for _, pkg := range pkgs {
			testFixed(t, src, pkg, &shown)
		}
	})
	if shown.Load() < 2 {
		t.Errorf("%d TestFixed* tests, want 2 or more: the leak and the panic", shown.Load())
	}
}

// testFixed builds and tests one fixture package before and after its
// fixes, in a GOPATH of its own.
func testFixed(t *testing.T, src, pkg string, shown *atomic.Int32) {
	t.Run(pkg, func(t *testing.T) {
		t.Parallel()
		gopath := t.TempDir()
		dir := filepath.Join(gopath, "src", filepath.FromSlash(pkg))
		if err := os.CopyFS(dir, os.DirFS(filepath.Join(src, filepath.FromSlash(pkg)))); err != nil {
			t.Fatal(err)
		}
		fixed := fixedTests(t, gopath, pkg)
		goTool(t, gopath, "test", "-count=1", "-run", "^Test([^F]|F[^i]|Fi[^x])", pkg) // before
		for _, name := range fixed {
			goToolFails(t, gopath, "test", "-count=1", "-run", "^"+name+"$", pkg)
			shown.Add(1)
		}
		plain, sections := readGoldens(t, dir)
		for name, data := range plain {
			writeFile(t, filepath.Join(dir, name), data)
		}
		if len(sections) == 0 {
			goTool(t, gopath, "vet", pkg) // after
			goTool(t, gopath, "test", "-count=1", pkg)
			return
		}
		for _, fix := range sortedKeys(sections) {
			for name, data := range sections[fix] {
				writeFile(t, filepath.Join(dir, name), data)
			}
			goTool(t, gopath, "vet", pkg) // after this fix alone
			goTool(t, gopath, "test", "-count=1", pkg)
		}
	})
}

// fixedTests lists the package's TestFixed* tests.
func fixedTests(t *testing.T, gopath, pkg string) []string {
	t.Helper()
	out := goTool(t, gopath, "test", "-list", "^TestFixed", pkg)
	var names []string
	for line := range strings.SplitSeq(out, "\n") {
		if strings.HasPrefix(line, "TestFixed") {
			names = append(names, line)
		}
	}
	return names
}

// readGoldens reads the golden files of the fixture in dir: plain ones
// by the file they replace, txtar ones by fix (section name), then file.
func readGoldens(t *testing.T, dir string) (map[string][]byte, map[string]map[string][]byte) {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*.golden"))
	if err != nil {
		t.Fatal(err)
	}
	plain := map[string][]byte{}
	sections := map[string]map[string][]byte{}
	for _, g := range names {
		data, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		file := strings.TrimSuffix(filepath.Base(g), ".golden")
		if !bytes.HasPrefix(data, []byte("-- ")) {
			plain[file] = data
			continue
		}
		for _, f := range txtar.Parse(data).Files {
			if sections[f.Name] == nil {
				sections[f.Name] = map[string][]byte{}
			}
			sections[f.Name][file] = f.Data
		}
	}
	return plain, sections
}

func sortedKeys[V any](m map[string]V) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func writeFile(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// goCommand is the go command on a GOPATH-mode fixture tree.
func goCommand(gopath string, args ...string) *exec.Cmd {
	cmd := exec.Command("go", args...)
	cmd.Dir = filepath.Join(gopath, "src")
	cmd.Env = append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOFLAGS=")
	return cmd
}

// goTool runs the go command and fails the test if it fails.
func goTool(t *testing.T, gopath string, args ...string) string {
	t.Helper()
	out, err := goCommand(gopath, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// goToolFails runs the go command and fails the test if it succeeds.
func goToolFails(t *testing.T, gopath string, args ...string) {
	t.Helper()
	if out, err := goCommand(gopath, args...).CombinedOutput(); err == nil {
		t.Errorf("go %s passed before the fix, want it to fail:\n%s", strings.Join(args, " "), out)
	}
}

// TestUnformattedSource runs the fixture of
// testdata/generator-unformatted.txtar, code gofmt would reformat: a
// send after another statement on its line is rewritten like any other,
// and, with the full tests, the fixed code passes go vet.
func TestUnformattedSource(t *testing.T) {
	ar, err := txtar.ParseFile(filepath.Join(testdata(t), "generator-unformatted.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	gopath := t.TempDir()
	for _, f := range ar.Files {
		name := filepath.Join(gopath, "src", filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		writeFile(t, name, f.Data)
	}
	analysistest.RunWithSuggestedFixes(t, gopath, generator.Analyzer, "unformatted")
	if testing.Short() {
		return
	}
	for _, f := range ar.Files {
		if fixed, ok := strings.CutSuffix(f.Name, ".golden"); ok {
			writeFile(t, filepath.Join(gopath, "src", filepath.FromSlash(fixed)), f.Data)
		}
	}
	goTool(t, gopath, "vet", "unformatted")
}
