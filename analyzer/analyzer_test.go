package analyzer_test

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/types"
	"slices"
	"testing"

	"golang.org/x/tools/go/packages"

	"github.com/fsmvet/fsmvet/analyzer"
)

// TestNogoCanLoad: each package under passes/ declares a package-level
// var Analyzer of type *analysis.Analyzer whose Name, a constant, is the
// package's name, which is what rules_go's nogo imports (it generates a
// main that refers to pkg.Analyzer) and keys its configuration by; and
// the suite is those analyzers, each with its manual's URL.
func TestNogoCanLoad(t *testing.T) {
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedTypes | packages.NeedSyntax | packages.NeedTypesInfo}
	pkgs, err := packages.Load(cfg, "github.com/fsmvet/fsmvet/passes/...")
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 || len(pkgs) == 0 {
		t.Fatal("passes/... does not load")
	}
	var names []string
	for _, p := range pkgs {
		name, err := analyzerName(p)
		if err != nil {
			t.Errorf("%s: %v", p.PkgPath, err)
			continue
		}
		if name != p.Name {
			t.Errorf("%s: Analyzer.Name is %q, want the package's name %q", p.PkgPath, name, p.Name)
		}
		if p.PkgPath != "github.com/fsmvet/fsmvet/passes/"+p.Name {
			t.Errorf("%s: want an analyzer's package at passes/NAME", p.PkgPath)
		}
		names = append(names, name)
	}
	var suite []string
	for _, a := range analyzer.Suite() {
		suite = append(suite, a.Name)
		if want := "https://pkg.go.dev/github.com/fsmvet/fsmvet/passes/" + a.Name; a.URL != want {
			t.Errorf("%s: URL %q, want %q (SARIF's helpUri)", a.Name, a.URL, want)
		}
	}
	slices.Sort(names)
	slices.Sort(suite)
	if !slices.Equal(names, suite) {
		t.Errorf("passes/ holds the analyzers %v, the suite %v", names, suite)
	}
}

// analyzerName returns the Name of the package's var Analyzer, checking
// that it is a package-level *analysis.Analyzer set by a composite
// literal with a constant Name.
func analyzerName(p *packages.Package) (string, error) {
	v, ok := p.Types.Scope().Lookup("Analyzer").(*types.Var)
	if !ok {
		return "", fmt.Errorf("no package-level var Analyzer")
	}
	if got := types.TypeString(v.Type(), nil); got != "*golang.org/x/tools/go/analysis.Analyzer" {
		return "", fmt.Errorf("var Analyzer is a %s, want *analysis.Analyzer", got)
	}
	for _, f := range p.Syntax {
		for _, decl := range f.Decls {
			for _, spec := range specs(decl) {
				for i, id := range spec.Names {
					if p.TypesInfo.Defs[id] != v || i >= len(spec.Values) {
						continue
					}
					return nameField(p.TypesInfo, spec.Values[i])
				}
			}
		}
	}
	return "", fmt.Errorf("var Analyzer has no value in its declaration")
}

func specs(decl ast.Decl) []*ast.ValueSpec {
	var out []*ast.ValueSpec
	if g, ok := decl.(*ast.GenDecl); ok {
		for _, s := range g.Specs {
			if v, ok := s.(*ast.ValueSpec); ok {
				out = append(out, v)
			}
		}
	}
	return out
}

// nameField returns the constant Name of &analysis.Analyzer{Name: ...}.
func nameField(info *types.Info, e ast.Expr) (string, error) {
	u, ok := e.(*ast.UnaryExpr)
	if !ok {
		return "", fmt.Errorf("var Analyzer is not set to &analysis.Analyzer{...}")
	}
	lit, ok := u.X.(*ast.CompositeLit)
	if !ok {
		return "", fmt.Errorf("var Analyzer is not set to &analysis.Analyzer{...}")
	}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		if key, ok := kv.Key.(*ast.Ident); ok && key.Name == "Name" {
			if c := info.Types[kv.Value].Value; c != nil && c.Kind() == constant.String {
				return constant.StringVal(c), nil
			}
			return "", fmt.Errorf("Analyzer.Name is not a constant string")
		}
	}
	return "", fmt.Errorf("Analyzer has no Name")
}
