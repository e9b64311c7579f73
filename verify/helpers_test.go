package verify

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fsmvet/fsmvet/passes/generator"
)

func TestUnsafeFinding(t *testing.T) {
	fd := Finding{Name: "S.state", Verdict: "", Why: ""}
	if got := unsafe(fd, nil); got.Verdict != "" || got.Why != "" || got.Failure != nil {
		t.Errorf("no failure: %+v", got)
	}
	got := unsafe(fd, &Failure{Step: "vet", Output: "a.go:3: bad"})
	if got.Verdict != VerdictUnsafe || got.Why != "with the fix, vet fails (its output follows); the original passes" ||
		got.Failure == nil || got.Failure.Output != "a.go:3: bad" || got.Name != "S.state" {
		t.Errorf("vet fails: %+v", got)
	}
}

func TestPaths(t *testing.T) {
	if got := paths(nil); got != nil {
		t.Errorf("paths(nil) = %v", got)
	}
	got := paths([]*listedPkg{{ImportPath: "m/b"}, {ImportPath: "m/a"}})
	if strings.Join(got, " ") != "m/b m/a" {
		t.Errorf("paths: %v, want m/b m/a", got)
	}
}

func TestShape(t *testing.T) {
	want := `package lexer

import "testing"

func BenchmarkLexer(b *testing.B) {
	for b.Loop() {
		m := new(Lexer) // set it up as your program does
		for i := 0; i < 1000; i++ { // or until it is done
			m.Next(/* its input */)
		}
	}
}
`
	if got := (machineTarget{pkgName: "lexer", structNm: "Lexer", steps: []string{"Next", "Feed"}}).shape(); got != want {
		t.Errorf("shape:\n%s\nwant:\n%s", got, want)
	}
	got := machineTarget{pkgName: "lexer", structNm: "Lexer"}.shape()
	if !strings.Contains(got, "\t\t\tm.Step(/* its input */)\n") {
		t.Errorf("shape without a step method:\n%s", got)
	}
}

// generatorSrc declares the functions TestGeneratorShape outlines
// benchmarks of.
const generatorSrc = `package text

func words(s string) <-chan string { return nil }

type Tree struct{}

func (t *Tree) walk() <-chan int { return nil }

type Set[T comparable] struct{}

func (s Set[T]) all() <-chan T { return nil }

func Sum(xs []int) int { return 0 }

func (t Tree) total(n int) int { return n }
`

// declared type-checks generatorSrc and returns its function or method
// (Type.name) of that name.
func declared(t *testing.T, name string) *types.Func {
	t.Helper()
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "text.go", generatorSrc, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := new(types.Config).Check("example.com/text", fset, []*ast.File{file}, nil)
	if err != nil {
		t.Fatal(err)
	}
	typ, method, ok := strings.Cut(name, ".")
	if !ok {
		return pkg.Scope().Lookup(name).(*types.Func)
	}
	obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(pkg.Scope().Lookup(typ).Type()), true, pkg, method)
	return obj.(*types.Func)
}

// TestGeneratorShape: a channel generator's benchmark ranges over it; an
// iter.Pull loop's calls the function holding it; a method is called on
// a value set up first.
func TestGeneratorShape(t *testing.T) {
	shape := func(kind generator.Kind, fn *types.Func) string {
		return generatorTarget{finding: &generator.Finding{Kind: kind, Func: "example.com/text.init.func1"}, pkgName: "text", fn: fn}.shape()
	}
	if got, want := shape(generator.ChannelGenerator, declared(t, "words")), `package text

import "testing"

func BenchmarkWords(b *testing.B) {
	for b.Loop() {
		for v := range words(/* its input */) { // as your program ranges over it
			_ = v
		}
	}
}
`; got != want {
		t.Errorf("a channel generator:\n%s\nwant:\n%s", got, want)
	}
	if got, want := shape(generator.PullLoop, declared(t, "Sum")), `package text

import "testing"

func BenchmarkSum(b *testing.B) {
	for b.Loop() {
		Sum(/* its input */) // on a long sequence
	}
}
`; got != want {
		t.Errorf("an iter.Pull loop:\n%s\nwant:\n%s", got, want)
	}
	for _, tc := range []struct {
		kind generator.Kind
		fn   string
		want string
	}{
		{generator.ChannelGenerator, "Tree.walk", "func BenchmarkTreeWalk(b *testing.B) {\n\tg := new(Tree) // set it up as your program does\n\tfor b.Loop() {\n\t\tfor v := range g.walk() {"},
		{generator.ChannelGenerator, "Set.all", "func BenchmarkSetAll(b *testing.B) {\n\tg := new(Set[/* its type arguments */]) // set it up as your program does\n\tfor b.Loop() {\n\t\tfor v := range g.all() {"},
		{generator.PullLoop, "Tree.total", "func BenchmarkTreeTotal(b *testing.B) {\n\tg := new(Tree) // set it up as your program does\n\tfor b.Loop() {\n\t\tg.total(/* its input */) // on a long sequence\n"},
	} {
		if got := shape(tc.kind, declared(t, tc.fn)); !strings.Contains(got, tc.want) {
			t.Errorf("%s %s:\n%s\nwant it to hold:\n%s", tc.kind, tc.fn, got, tc.want)
		}
	}
	// A loop in a package-level function literal: no function to call.
	if got, want := shape(generator.PullLoop, nil), "func BenchmarkPull(b *testing.B) {\n\tfor b.Loop() {\n\t\t// run text.init.func1, which holds the loop, on a long sequence\n\t}\n}\n"; !strings.HasSuffix(got, want) {
		t.Errorf("an iter.Pull loop in no declared function:\n%s\nwant it to end:\n%s", got, want)
	}
}

// TestNoBenchmark: the verdict's why names what the benchmarks' profiles
// were searched for, for each kind.
func TestNoBenchmark(t *testing.T) {
	aff := []*listedPkg{{ImportPath: "m/a"}, {ImportPath: "m/b"}}
	machine := &fix{target: machineTarget{consumer: "m/a.(*Lexer).Next"}}
	v := &verifier{opts: options{bench: "Lex"}}
	if got, want := v.noBenchmark(machine, aff), "safe (build, vet and tests pass with the fix), but -bench Lex matches no benchmark in m/a, m/b"; got != want {
		t.Errorf("with -bench: %q, want %q", got, want)
	}
	v = &verifier{}
	for _, tc := range []struct {
		f    *fix
		want string
	}{
		{machine, "the machine's switch"},
		{&fix{target: generatorTarget{finding: &generator.Finding{Kind: generator.ChannelGenerator, Name: "(*Tree).walk", Func: "m/a.(*Tree).walk"}}},
			"the generator (*Tree).walk, its goroutine or a loop over it"},
		{&fix{target: generatorTarget{finding: &generator.Finding{Kind: generator.PullLoop, Name: "iter.Pull(seq)", Func: "example.com/m/a.Sum.func1"}}},
			"the iter.Pull loop's call of next in a.Sum.func1"},
	} {
		want := "safe (build, vet and tests pass with the fix), but no benchmark of m/a, m/b has samples in " + tc.want + "; a benchmark of the shape below would measure it"
		if got := v.noBenchmark(tc.f, aff); got != want {
			t.Errorf("without -bench, %T:\n%q\nwant\n%q", tc.f.target, got, want)
		}
	}
}

func TestDirName(t *testing.T) {
	for _, tc := range []struct {
		i          int
		name, want string
	}{
		{1, "Lexer.state", "2-Lexer-state"},
		{0, "(*Tree).walk", "1-Tree-walk"},
		{2, "iter.Pull(slices.Values(xs))", "3-iter-Pull-slices-Values-xs"},
		{3, "iter.Pull(the sequence)", "4-iter-Pull-the-sequence"},
	} {
		if got := dirName(tc.i, tc.name); got != tc.want {
			t.Errorf("dirName(%d, %q) = %q, want %q", tc.i, tc.name, got, tc.want)
		}
	}
}

// TestWithFix: the fix is in the copy while do runs, the original after;
// a failure to put the original back is an error, unless do's comes first.
func TestWithFix(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a.go")
	f := &fix{files: []fixedFile{{path: name, before: []byte("before"), after: []byte("after")}}}
	v := &verifier{}
	var during string
	failure, err := v.withFix(f, func() (*Failure, error) {
		b, _ := os.ReadFile(name)
		during = string(b)
		return &Failure{Step: "test"}, nil
	})
	if after, _ := os.ReadFile(name); during != "after" || string(after) != "before" || err != nil || failure == nil || failure.Step != "test" {
		t.Errorf("during %q, after %q, failure %+v, err %v", during, after, failure, err)
	}

	// do removes the directory: the original cannot be put back.
	gone := func() (*Failure, error) { return nil, os.RemoveAll(dir) }
	if _, err := v.withFix(f, gone); err == nil || !strings.HasPrefix(err.Error(), "writing "+name+": ") {
		t.Errorf("restoring into a removed directory: %v", err)
	}
	doErr := errors.New("go test: interrupted")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	first := func() (*Failure, error) { os.RemoveAll(dir); return nil, doErr }
	if _, err := v.withFix(f, first); err != doErr {
		t.Errorf("do's error and restore's: %v, want do's", err)
	}
	// The fix cannot be written: do does not run.
	ran := false
	if _, err := v.withFix(f, func() (*Failure, error) { ran = true; return nil, nil }); err == nil || ran {
		t.Errorf("writing the fix into a removed directory: %v, do ran %v", err, ran)
	}
}
