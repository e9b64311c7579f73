package lint

import (
	"go/token"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/fsmvet/fsmvet/analyzer"
)

// TestReleased: when a run ends, it holds no package's types and no parsed
// file: each was dropped once no package left needed it.
func TestReleased(t *testing.T) {
	writeModule(t, map[string]string{
		"task/task.go":      taskSrc,
		"task/task_test.go": "package task\n\nimport \"testing\"\n\nfunc TestNew(t *testing.T) { New() }\n",
		"run/run.go":        runSrc,
	})
	nodes, err := load(Config{Tests: true}, []string{"./..."})
	if err != nil {
		t.Fatal(err)
	}
	r := newRunner(nodes, analyzer.Suite(), nil)
	r.run(2)
	if len(r.errs) > 0 {
		t.Fatalf("errors: %v", r.errs)
	}
	for _, n := range nodes {
		if n.types != nil {
			t.Errorf("%s: types still held after the run", n.pkg.ID)
		}
		if n.waiting != 0 || n.pending != 0 {
			t.Errorf("%s: %d imports and %d users still counted", n.pkg.ID, n.waiting, n.pending)
		}
	}
	if len(r.cache.files) != 0 {
		t.Errorf("%d parsed files still held after the run", len(r.cache.files))
	}
}

func TestParseCache(t *testing.T) {
	a := &node{pkg: &packages.Package{CompiledGoFiles: []string{"x.go", "y.go"}}}
	b := &node{pkg: &packages.Package{CompiledGoFiles: []string{"y.go"}}}
	c := newParseCache(token.NewFileSet(), nil, []*node{a, b})
	if c.files["x.go"].refs != 1 || c.files["y.go"].refs != 2 {
		t.Fatalf("refs x.go %d, y.go %d; want 1 and 2", c.files["x.go"].refs, c.files["y.go"].refs)
	}
	c.release(a.pkg.CompiledGoFiles)
	if _, ok := c.files["x.go"]; ok {
		t.Error("x.go kept after its one package was checked")
	}
	if pf := c.files["y.go"]; pf == nil || pf.refs != 1 {
		t.Error("y.go dropped while b still needs it")
	}
	c.release(b.pkg.CompiledGoFiles)
	c.release([]string{"z.go"}) // never held: nothing to do
	if len(c.files) != 0 {
		t.Errorf("files left: %v", c.files)
	}
}

func TestModule(t *testing.T) {
	if m := module(&node{pkg: &packages.Package{}}); m == nil || *m != (analysis.Module{}) {
		t.Errorf("a package outside any module (std) has Module %+v, want an empty one", m)
	}
	n := &node{pkg: &packages.Package{Module: &packages.Module{Path: "example.com/m", Version: "v1.2.3", GoVersion: "1.22"}}}
	if m := module(n); m.Path != "example.com/m" || m.Version != "v1.2.3" || m.GoVersion != "1.22" {
		t.Errorf("Module = %+v", m)
	}
}
