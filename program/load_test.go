package program_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fsmvet/fsmvet/internal/govet"
	"github.com/fsmvet/fsmvet/program"
)

// module writes a module of the given files (path: text) to a temporary
// directory.
func module(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func rank(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "testdata", "rank"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestLoadErrorsListed checks that code that does not type-check is an
// error listing each error as file:line:col: message, in every package.
func TestLoadErrorsListed(t *testing.T) {
	dir := module(t, map[string]string{
		"go.mod": "module example.com/broken\n\ngo 1.26\n",
		"a/a.go": "package a\n\nvar X int = \"no\"\n",
		"b/b.go": "package b\n\nimport \"example.com/broken/a\"\n\nvar Y = a.X + undefined\n",
	})
	_, err := program.Load(program.Config{Dir: dir}, "./...")
	if err == nil {
		t.Fatal("loading code that does not type-check succeeded")
	}
	lines := strings.Split(err.Error(), "\n")
	want := []string{
		"packages do not load or type-check:",
		filepath.Join(dir, "a", "a.go") + ":3:13: ",
		filepath.Join(dir, "b", "b.go") + ":5:15: ",
	}
	if len(lines) != len(want) {
		t.Fatalf("error:\n%v\nwant %d lines", err, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("error line %d = %q, want it to start %q", i+1, lines[i], w)
		}
	}
	if _, err := program.Load(program.Config{Dir: rank(t)}, "./exec/nothing..."); err == nil || err.Error() != "./exec/nothing... matched no packages" {
		t.Errorf("a pattern matching nothing: %v", err)
	}
	// With tests, a and its test variant share the error: listed once.
	if err := os.WriteFile(filepath.Join(dir, "a", "a_test.go"), []byte("package a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := program.Load(program.Config{Dir: dir, Tests: true}, "./a"); err == nil || strings.Count(err.Error(), "a.go:3:13: ") != 1 {
		t.Errorf("an error in a package with tests, listed %d times, want once:\n%v", strings.Count(fmt.Sprint(err), "a.go:3:13: "), err)
	}
	// go list's errors without a position are printed without one.
	if _, err := program.Load(program.Config{Dir: dir}, "./nonexistent"); err == nil || !strings.HasPrefix(err.Error(), "packages do not load or type-check:\nstat ") {
		t.Errorf("a directory that does not exist: %v, want go list's error as it is", err)
	}
}

// TestPollLoopsAll checks which poll loops PollLoops returns, with and
// without all, in position order, and what each may call.
func TestPollLoopsAll(t *testing.T) {
	prog, err := program.Load(program.Config{Dir: rank(t)}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	// testdata/rank/app hands each loop of exec these tasks.
	all := []string{
		"Churn: machines.*Plain",
		"Spin: machines.*M8 machines.*Plain",
		"Drive: machines.*M8 machines.*Plain machines.*Small",
		"Pump: machines.*M7 machines.*Plain",
		"Wait: machines.*Plain machines.*Stepper",
		"Nap: machines.*Small",
		"Quiet: machines.*Plain",
		"Stall: machines.*Gate",
		"Never: machines.*M7",
	}
	// Without all, those reaching a machine with a fix (not Gate).
	worth := []string{all[1], all[2], all[3], all[5], all[8]}
	for _, c := range []struct {
		all  bool
		want []string
	}{{true, all}, {false, worth}} {
		var got []string
		for _, l := range prog.PollLoops(c.all) {
			var impls []string
			for _, i := range l.Impls {
				impls = append(impls, i.String())
			}
			got = append(got, l.Site.Call.Parent().Name()+": "+strings.Join(impls, " "))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("PollLoops(%v) =\n%q\nwant\n%q", c.all, got, c.want)
		}
	}
	var names []string
	for _, pkg := range prog.Roots {
		names = append(names, pkg.ID)
	}
	if want := []string{"example.com/rank/app", "example.com/rank/exec", "example.com/rank/machines"}; !slices.Equal(names, want) {
		t.Errorf("roots %q, want %q in ID order", names, want)
	}
}

// TestImpls checks the implementations the call graph gives a poll loop:
// a value method is T's whether the call has a T or a *T (which reaches
// it through a wrapper), a generic type is one implementation whatever
// its type arguments, and a loop in a generic function unites its
// instances.
func TestImpls(t *testing.T) {
	dir := module(t, map[string]string{
		"go.mod": "module example.com/impls\n\ngo 1.26\n",
		"p/p.go": `package p

type Task interface{ Poll() bool }

type V struct{ n int }

func (v V) Poll() bool { return v.n > 0 }

type P struct{}

func (*P) Poll() bool { return true }

type G[T any] struct{ x T }

func (g *G[T]) Poll() bool { return true }

func Run(t Task) {
	for !t.Poll() {
	}
}

func RunAll[T Task](ts []T) {
	for _, t := range ts {
		for !t.Poll() {
		}
	}
}

func Main() {
	Run(V{})
	Run(&V{})
	Run(new(P))
	Run(&G[int]{})
	Run(&G[string]{})
	RunAll([]*P{new(P)})
	RunAll([]V{{}})
}
`,
	})
	prog, err := program.Load(program.Config{Dir: dir}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range prog.PollLoops(true) {
		var impls []string
		for _, i := range l.Impls {
			impls = append(impls, i.String())
		}
		got = append(got, l.Site.Call.Parent().Name()+": "+strings.Join(impls, " "))
	}
	if want := []string{"Run: p.*G p.*P p.V", "RunAll: p.*P p.V"}; !slices.Equal(got, want) {
		t.Errorf("poll loops %q, want %q", got, want)
	}
}

// TestTestVariants checks that with tests, a package with tests of its
// own is analysed once, with them (as go vet does): its machine is
// reported once, in the form what its test does allows, and the test main is
// not a root.
func TestTestVariants(t *testing.T) {
	prog, err := program.Load(program.Config{Dir: rank(t), Tests: true}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, pkg := range prog.Roots {
		ids = append(ids, pkg.ID)
	}
	want := []string{"example.com/rank/app", "example.com/rank/exec", "example.com/rank/machines [example.com/rank/machines.test]"}
	if !slices.Equal(ids, want) {
		t.Errorf("roots %q, want %q", ids, want)
	}
	var machines []string
	for _, m := range prog.Machines {
		s := m.Name() + " " + string(m.Fix)
		if m.Blocked() {
			s += "blocked at " + m.Blockers[0].Where
		}
		machines = append(machines, s)
	}
	// Small's test reads its state: the table form, which keeps it.
	if want := []string{"M8.state transition-pointer", "M7.state transition-pointer", "Small.state table", "Gate.state blocked at machines.go:108"}; !slices.Equal(machines, want) {
		t.Errorf("machines %q, want %q", machines, want)
	}
}

// TestPosn checks how positions print: relative to the working directory
// below it, as they are elsewhere, "-" for none.
func TestPosn(t *testing.T) {
	dir := rank(t)
	prog, err := program.Load(program.Config{Dir: dir}, "./exec")
	if err != nil {
		t.Fatal(err)
	}
	loop := prog.PollLoops(true)[0].Site.Pos()
	for _, c := range []struct{ wd, want string }{
		{dir, "exec/exec.go:9:13"},
		{filepath.Join(dir, "exec"), "exec.go:9:13"},
		{filepath.Join(dir, "app"), filepath.Join(dir, "exec", "exec.go") + ":9:13"},
	} {
		t.Chdir(c.wd)
		if got := prog.Posn(loop); got != c.want {
			t.Errorf("from %s: %s, want %s", c.wd, got, c.want)
		}
	}
	if got := prog.Posn(0); got != "-" {
		t.Errorf("no position: %q, want -", got)
	}
	t.Chdir(filepath.Join(dir, "exec"))
	for _, c := range []struct{ name, want string }{
		{filepath.Join(dir, "exec", "exec.go"), "exec.go"},
		{filepath.Join(dir, "exec"), filepath.Join(dir, "exec")},
		{filepath.Join(dir, "execx", "a.go"), filepath.Join(dir, "execx", "a.go")},
		{"exec.go", "exec.go"},
	} {
		if got := govet.Relative(c.name); got != c.want {
			t.Errorf("Relative(%s) = %s, want %s", c.name, got, c.want)
		}
	}
}

// TestPollLoopsModule: by default a poll loop is kept when it may call a
// machine with a fix in its own module (testdata/modrule's a and c), not
// one in a module it requires (b, whose only task is other's machine).
func TestPollLoopsModule(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("..", "testdata", "modrule"))
	if err != nil {
		t.Fatal(err)
	}
	prog, err := program.Load(program.Config{Dir: dir}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range prog.PollLoops(false) {
		got = append(got, l.Pkg.Path()+" "+l.Module)
	}
	want := []string{"example.com/modrule/a example.com/modrule", "example.com/modrule/c example.com/modrule"}
	if !slices.Equal(got, want) {
		t.Errorf("PollLoops(false) in %s: %q, want %q", dir, got, want)
	}
}

// TestFuncAt: a generator finding, which knows only its position, is
// placed in its root package and the function declared around it (the
// generator itself; the function holding an iter.Pull loop); a position
// outside any function is in its package only, and one outside the roots
// in none.
func TestFuncAt(t *testing.T) {
	prog, err := program.Load(program.Config{Dir: filepath.Join("..", "testdata", "genrank")}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, g := range prog.Generators {
		pkg, decl := prog.FuncAt(g.Pos)
		if pkg == nil || decl == nil {
			t.Fatalf("%s: package %v, declaration %v", g.Name, pkg, decl)
		}
		got = append(got, pkg.PkgPath+" "+decl.Name.Name)
	}
	want := []string{"example.com/genrank/gen words", "example.com/genrank/gen Lines", "example.com/genrank/gen Sum"}
	if !slices.Equal(got, want) {
		t.Errorf("FuncAt of the generators: %q, want %q", got, want)
	}
	file := prog.Roots[0].Syntax[0]
	if pkg, decl := prog.FuncAt(file.Package); pkg != prog.Roots[0] || decl != nil {
		t.Errorf("FuncAt(the package clause) = %v, %v; want its package and no function", pkg, decl)
	}
	if pkg, decl := prog.FuncAt(file.FileEnd + 1e6); pkg != nil || decl != nil {
		t.Errorf("FuncAt(a position outside the roots) = %v, %v", pkg, decl)
	}
}
