package lint

import (
	"fmt"
	"go/ast"
	"go/types"
	"reflect"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// nameFact is exported on every package-level function: its qualified name.
type nameFact struct{ Name string }

func (*nameFact) AFact() {}

// countFact is exported on every package: how many functions it declares.
type countFact struct{ Funcs int }

func (*countFact) AFact() {}

// factsAnalyzer exercises the driver's facts and ReadFile: it exports a
// fact on each function and on the package, reports each call with the
// fact of its callee (imported from another package), the facts every
// package sees, and whether ReadFile refuses a file of another package.
var factsAnalyzer = &analysis.Analyzer{
	Name:       "facts",
	Doc:        "facts: test analyzer",
	FactTypes:  []analysis.Fact{new(nameFact), new(countFact)},
	ResultType: reflect.TypeFor[int](),
	Run: func(pass *analysis.Pass) (any, error) {
		funcs := 0
		for _, name := range pass.Pkg.Scope().Names() {
			if fn, ok := pass.Pkg.Scope().Lookup(name).(*types.Func); ok {
				pass.ExportObjectFact(fn, &nameFact{pass.Pkg.Name() + "." + fn.Name()})
				funcs++
			}
		}
		pass.ExportPackageFact(&countFact{funcs})
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				if sel, ok := n.(*ast.SelectorExpr); ok {
					var fact nameFact
					if fn, ok := pass.TypesInfo.Uses[sel.Sel].(*types.Func); ok && pass.ImportObjectFact(fn, &fact) {
						var count countFact
						pass.ImportPackageFact(fn.Pkg(), &count)
						pass.Reportf(sel.Pos(), "calls %s, of a package of %d funcs", fact.Name, count.Funcs)
					}
				}
				return true
			})
		}
		var objs, pkgs []string
		for _, f := range pass.AllObjectFacts() {
			objs = append(objs, f.Fact.(*nameFact).Name)
		}
		for _, f := range pass.AllPackageFacts() {
			pkgs = append(pkgs, fmt.Sprintf("%s:%d", f.Package.Name(), f.Fact.(*countFact).Funcs))
		}
		slices.Sort(objs)
		slices.Sort(pkgs)
		pass.Reportf(pass.Files[0].Package, "sees %s; %s", strings.Join(objs, " "), strings.Join(pkgs, " "))
		own := pass.Fset.File(pass.Files[0].FileStart).Name()
		if _, err := pass.ReadFile(own); err != nil {
			pass.Reportf(pass.Files[0].Package, "cannot read its own file: %v", err)
		}
		if _, err := pass.ReadFile("/etc/hostname"); err == nil {
			pass.Reportf(pass.Files[0].Package, "read a file outside the package")
		}
		return funcs, nil
	},
}

func TestFacts(t *testing.T) {
	writeModule(t, map[string]string{
		"a/a.go": "package a\n\nfunc F() {}\n\nfunc G() {}\n",
		"b/b.go": "package b\n\nimport \"example.com/m/a\"\n\nfunc H() { a.F() }\n",
		"c/c.go": "package c\n\nimport \"example.com/m/b\"\n\nfunc I() { b.H() }\n",
	})
	var stdout, stderr strings.Builder
	code := Main([]string{"./..."}, []*analysis.Analyzer{factsAnalyzer}, &stdout, &stderr)
	want := `a/a.go:1:1: sees a.F a.G; a:2
b/b.go:1:1: sees a.F a.G b.H; a:2 b:1
b/b.go:5:12: calls a.F, of a package of 2 funcs
c/c.go:1:1: sees a.F a.G b.H c.I; a:2 b:1 c:1
c/c.go:5:12: calls b.H, of a package of 1 funcs
`
	if code != 3 || stderr.String() != want {
		t.Errorf("exit %d; output:\n%s\nwant:\n%s", code, stderr.String(), want)
	}
}
