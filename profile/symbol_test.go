package profile_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/ssa/ssautil"

	"github.com/fsmvet/fsmvet/profile"
)

// symbolSrc has one function per line, each followed by the name the Go
// 1.26 compiler gives it: as go tool objdump lists a binary built from
// this code (where generic code shows go.shape types; profiles write
// "[...]"), and runtime.FuncForPC for glob's literals.
const symbolSrc = `package p

type T struct{}

func (*T) M() { // example.com/p.(*T).M
	func() {}() // example.com/p.(*T).M.func1
}

func (T) V() {} // example.com/p.T.V

type L[X any] struct{}

func (L[X]) Len() int { // example.com/p.L[...].Len
	f := func() int { return 0 } // example.com/p.L[...].Len.func1
	return f()
}

func (*L[X]) Get() {} // example.com/p.(*L[...]).Get

type A = T

func (A) N() {} // example.com/p.T.N

func Gen[X any]() { // example.com/p.Gen[...]
	func() {}() // example.com/p.Gen[...].func1
}

func seq(yield func(int) bool) { yield(1) } // example.com/p.seq

func F() { // example.com/p.F
	func() { // example.com/p.F.func1
		func() { // example.com/p.F.func1.1
			func() {}() // example.com/p.F.func1.1.1
		}()
		func() {}() // example.com/p.F.func1.2
	}()
	for range seq { // example.com/p.F-range1
		func() { // example.com/p.F.func2
			func() {}() // example.com/p.F.func2.1
		}()
		for range seq { // example.com/p.F-range2
			func() {}() // example.com/p.F.func3
		}
	}
	func() { // example.com/p.F.func4
		for range seq { // example.com/p.F.func4-range1
			func() {}() // example.com/p.F.func4.1
		}
	}()
	for range seq { // example.com/p.F-range3
	}
	go func() {}()    // example.com/p.F.func5
	defer func() {}() // example.com/p.F.func6
	Gen[int]()
	L[int]{}.Len()
	new(L[int]).Get()
}

var glob = func() { // example.com/p.init.func1
	func() {}() // example.com/p.init.func1.1
}
`

func buildSymbolSrc(t *testing.T) (*token.FileSet, *ssa.Package) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", symbolSrc, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	pkg, _, err := ssautil.BuildPackage(&types.Config{}, fset, types.NewPackage("example.com/p", "p"), []*ast.File{f}, ssa.InstantiateGenerics)
	if err != nil {
		t.Fatal(err)
	}
	return fset, pkg
}

// wantNames returns the name each line of symbolSrc says it declares.
func wantNames() map[int]string {
	want := map[int]string{}
	for i, line := range strings.Split(symbolSrc, "\n") {
		if m := regexp.MustCompile(`// (example\.com/p\.\S+)$`).FindStringSubmatch(line); m != nil {
			want[i+1] = m[1]
		}
	}
	return want
}

// TestSSAName names every function of symbolSrc, instances of generic
// functions included, and checks each against the compiler's name.
func TestSSAName(t *testing.T) {
	fset, pkg := buildSymbolSrc(t)
	want := wantNames()
	named := map[int]bool{}
	for fn := range ssautil.AllFunctions(pkg.Prog) {
		if !fn.Pos().IsValid() || strings.HasPrefix(fn.Synthetic, "wrapper") {
			continue // the package initializer, tested below, and method wrappers
		}
		line := fset.Position(fn.Pos()).Line
		if got := profile.SSAName(fn); got != want[line] {
			t.Errorf("SSAName(%s) at line %d = %q, want %q", fn, line, got, want[line])
		}
		named[line] = true
	}
	for line, name := range want {
		if !named[line] {
			t.Errorf("no SSA function at line %d (%s)", line, name)
		}
	}
	if got := profile.SSAName(pkg.Func("init")); got != "example.com/p.init" {
		t.Errorf("SSAName(package initializer) = %q, want example.com/p.init", got)
	}
}

func TestSymbolName(t *testing.T) {
	_, pkg := buildSymbolSrc(t)
	scope := pkg.Pkg.Scope()
	method := func(typ types.Type, name string) *types.Func {
		obj, _, _ := types.LookupFieldOrMethod(typ, true, pkg.Pkg, name)
		return obj.(*types.Func)
	}
	T := scope.Lookup("T").Type()
	L := scope.Lookup("L").Type()
	Lint, err := types.Instantiate(nil, L, []types.Type{types.Typ[types.Int]}, true)
	if err != nil {
		t.Fatal(err)
	}
	errorType := types.Universe.Lookup("error").Type()
	for _, tc := range []struct {
		fn   *types.Func
		want string
	}{
		{scope.Lookup("F").(*types.Func), "example.com/p.F"},
		{scope.Lookup("Gen").(*types.Func), "example.com/p.Gen[...]"},
		{method(T, "V"), "example.com/p.T.V"},
		{method(T, "M"), "example.com/p.(*T).M"},
		{method(scope.Lookup("A").Type(), "N"), "example.com/p.T.N"},
		{method(L, "Len"), "example.com/p.L[...].Len"},
		{method(L, "Get"), "example.com/p.(*L[...]).Get"},
		{method(Lint, "Len"), "example.com/p.L[...].Len"},
		{method(Lint, "Get"), "example.com/p.(*L[...]).Get"},
		{method(errorType, "Error"), "Error"},
	} {
		if got := profile.SymbolName(tc.fn); got != tc.want {
			t.Errorf("SymbolName(%v) = %q, want %q", tc.fn, got, tc.want)
		}
	}
}
