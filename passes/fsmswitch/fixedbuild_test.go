package fsmswitch_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
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
		pkgs[filepath.ToSlash(rel)] = true
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
			goTool(t, gopath, "test", pkg) // before
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
			goTool(t, gopath, "vet", pkg) // after
			goTool(t, gopath, "test", "-count=1", pkg)
		})
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
