package fsmswitch

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// testAccesses returns a blocker for each place where a _test.go file of
// the package selects a field with the state field's name.
//
// A driver analyses a package twice when it has tests (p and p [p.test]),
// and go vet only the second. Both must say the same thing, or a user sees
// two findings, and the variant without tests would offer a rewrite that
// breaks them. So the test files are read from the package directory and
// matched by name, in both variants alike. Matching by name is
// conservative: a test that selects a same-named field of another type
// blocks the rewrite too, which is safe.
func (f *finder) testAccesses(field *types.Var) []Blocker {
	dir := filepath.Dir(f.pass.Fset.Position(field.Pos()).Filename)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil // no directory (an overlay, a test's in-memory file): nothing to scan
	}
	var bs []Blocker
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		fset := token.NewFileSet()
		file, err := parser.ParseFile(fset, filepath.Join(dir, e.Name()), nil, parser.SkipObjectResolution)
		if err != nil || !f.testSeesField(file.Name.Name, field) {
			continue
		}
		ast.Inspect(file, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok && sel.Sel.Name == field.Name() {
				p := fset.Position(sel.Sel.Pos())
				bs = append(bs, Blocker{
					Pos:    f.posInPass(p),
					Where:  e.Name() + ":" + strconv.Itoa(p.Line),
					Reason: "the package's tests access the field",
				})
			}
			return true
		})
	}
	return bs
}

// testSeesField reports whether a test file of package pkgName can select
// the field: an internal test always can, an external one only if the
// field is exported.
func (f *finder) testSeesField(pkgName string, field *types.Var) bool {
	return pkgName == f.pass.Pkg.Name() || field.Exported()
}

// posInPass maps a position in a separately parsed file to the pass's file
// set when the pass holds that file too (the test variant), so related
// positions work in editors; otherwise it returns token.NoPos.
func (f *finder) posInPass(p token.Position) token.Pos {
	for _, file := range f.pass.Files {
		tf := f.pass.Fset.File(file.Pos())
		if tf != nil && tf.Name() == p.Filename && p.Offset <= tf.Size() {
			return tf.Pos(p.Offset)
		}
	}
	return token.NoPos
}
