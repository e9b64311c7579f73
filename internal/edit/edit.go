// Package edit is fsmvet's one vocabulary for changing source text: an
// Edit replaces a range of bytes of a file, Apply makes a set of them, and
// Diff shows what they changed. The rewriter builds its fixes with it, the
// driver applies them with it, and the report and the tests show and apply
// them with it.
package edit

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/token"
	"slices"
	"strconv"
	"strings"

	"github.com/pmezard/go-difflib/difflib"
	"golang.org/x/tools/go/analysis"
)

// An Edit replaces bytes [Start, End) of a file with New.
type Edit struct {
	Start, End int
	New        string
}

// Replace replaces [start, end) with text.
func Replace(start, end int, text string) Edit { return Edit{start, end, text} }

// Insert inserts text at offset at.
func Insert(at int, text string) Edit { return Edit{at, at, text} }

// Delete deletes [start, end).
func Delete(start, end int) Edit { return Edit{start, end, ""} }

func (e Edit) String() string { return fmt.Sprintf("%d-%d %q", e.Start, e.End, e.New) }

// Overlaps reports whether e and o touch the same bytes, or both insert at
// one offset (the order of their text would be arbitrary).
func (e Edit) Overlaps(o Edit) bool {
	return e.Start < o.End && o.Start < e.End || e.Start == o.Start
}

// Sort orders edits by offset; edits at the same offset keep their order.
func Sort(edits []Edit) {
	slices.SortStableFunc(edits, func(a, b Edit) int { return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End)) })
}

// Apply returns src with the edits made. Edits must lie within src and
// must not overlap, except that an insertion may stand at the end of a
// replaced range.
func Apply(src []byte, edits []Edit) ([]byte, error) {
	sorted := slices.Clone(edits)
	Sort(sorted)
	var b strings.Builder
	at := 0
	for i, e := range sorted {
		switch {
		case e.Start < 0 || e.End < e.Start || e.End > len(src):
			return nil, fmt.Errorf("edit %v outside the %d bytes of the file", e, len(src))
		case i > 0 && e.Start < at:
			return nil, fmt.Errorf("edits %v and %v overlap", sorted[i-1], e)
		}
		b.Write(src[at:e.Start])
		b.WriteString(e.New)
		at = e.End
	}
	b.Write(src[at:])
	return []byte(b.String()), nil
}

// FromAnalysis converts the text edits of a fix into edits per file name.
func FromAnalysis(fset *token.FileSet, edits []analysis.TextEdit) (map[string][]Edit, error) {
	byFile := make(map[string][]Edit)
	for _, te := range edits {
		f := fset.File(te.Pos)
		end := cmp.Or(te.End, te.Pos)
		if f == nil || end < te.Pos || int(end)-f.Base() > f.Size() {
			return nil, fmt.Errorf("text edit %d-%d is not within one file", te.Pos, te.End)
		}
		byFile[f.Name()] = append(byFile[f.Name()], Edit{f.Offset(te.Pos), f.Offset(end), string(te.NewText)})
	}
	return byFile, nil
}

// Diff returns a unified diff of a file before and after, with context
// lines around each change, or "" when they are equal.
func Diff(name string, before, after []byte, context int) string {
	text, _ := difflib.GetUnifiedDiffString(difflib.UnifiedDiff{
		A: lines(string(before)), B: lines(string(after)),
		FromFile: name + " (before)", ToFile: name + " (after)", Context: context,
	})
	return text // difflib's writer is a strings.Builder: it cannot fail
}

// Lines returns edits, each of whole lines, that turn before into after:
// a line diff's, so that an editor applying them keeps what did not change
// (the cursor, marks, folds) where a replacement of the whole text would
// not. The edits are in order and do not overlap.
func Lines(before, after []byte) []Edit {
	a, b := lines(string(before)), lines(string(after))
	starts := make([]int, len(a)+1) // starts[i]: the offset of line i of before
	for i, l := range a {
		starts[i+1] = starts[i] + len(l)
	}
	var edits []Edit
	for _, op := range difflib.NewMatcher(a, b).GetOpCodes() {
		if op.Tag != 'e' {
			edits = append(edits, Replace(starts[op.I1], starts[op.I2], strings.Join(b[op.J1:op.J2], "")))
		}
	}
	return edits
}

// lines splits text into lines that keep their newline; unlike
// difflib.SplitLines it adds no empty line after a final newline.
func lines(text string) []string {
	ls := strings.SplitAfter(text, "\n")
	if ls[len(ls)-1] == "" {
		ls = ls[:len(ls)-1]
	}
	return ls
}

// ImportName returns the name under which file imports the package with
// the given path, whose own name is name: name itself, or the one the
// import gives it ("" for a dot import).
func ImportName(file *ast.File, path, name string) (string, bool) {
	for _, imp := range file.Imports {
		if p, err := strconv.Unquote(imp.Path.Value); err != nil || p != path {
			continue
		}
		switch {
		case imp.Name == nil:
			return name, true
		case imp.Name.Name == ".":
			return "", true
		case imp.Name.Name != "_":
			return imp.Name.Name, true
		}
	}
	return "", false
}

// Imports returns the edits that add imports of paths to file, as a
// person would: into its last parenthesized import declaration, each
// standard-library path in sorted place in the group of those (gofmt
// sorts only within a group); else as declarations of their own after
// its last import declaration or its package clause. None if paths is
// empty.
func Imports(file *ast.File, paths []string) []analysis.TextEdit {
	if len(paths) == 0 {
		return nil
	}
	var last *ast.GenDecl
	for _, d := range file.Decls {
		if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.IMPORT {
			last = gd
		}
	}
	if last != nil && last.Lparen.IsValid() && len(last.Specs) > 0 {
		return intoBlock(last, slices.Sorted(slices.Values(paths)))
	}
	at := file.Name.End()
	if last != nil {
		at = last.End()
	}
	var b strings.Builder
	b.WriteString("\n")
	for _, p := range paths {
		fmt.Fprintf(&b, "\nimport %q", p)
	}
	return []analysis.TextEdit{{Pos: at, End: at, NewText: []byte(b.String())}}
}

// intoBlock adds sorted paths to an import declaration's block: before
// the first standard-library import that sorts after one, else after the
// last standard-library import, else in a group of their own before the
// others. It assumes gofmt's layout, one import a line, indented by a tab.
func intoBlock(gd *ast.GenDecl, paths []string) []analysis.TextEdit {
	var std []*ast.ImportSpec
	for _, s := range gd.Specs {
		if spec := s.(*ast.ImportSpec); isStd(importPath(spec)) {
			std = append(std, spec)
		}
	}
	var edits []analysis.TextEdit
	add := func(at token.Pos, text string) {
		if n := len(edits); n > 0 && edits[n-1].Pos == at {
			edits[n-1].NewText = append(edits[n-1].NewText, text...)
			return
		}
		edits = append(edits, analysis.TextEdit{Pos: at, End: at, NewText: []byte(text)})
	}
	for _, p := range paths {
		i := slices.IndexFunc(std, func(spec *ast.ImportSpec) bool { return importPath(spec) > p })
		switch {
		case i >= 0: // before it, and before its comment
			add(lineStart(std[i]), strconv.Quote(p)+"\n\t")
		case len(std) > 0: // after the last, and after its comment
			add(lineEnd(std[len(std)-1]), "\n\t"+strconv.Quote(p))
		default:
			add(lineStart(gd.Specs[0].(*ast.ImportSpec)), strconv.Quote(p)+"\n\t")
		}
	}
	if len(std) == 0 {
		edits[0].NewText = append(edits[0].NewText[:len(edits[0].NewText)-1], "\n\t"...) // a blank line ends the group
	}
	return edits
}

// importPath returns an import's path.
func importPath(spec *ast.ImportSpec) string {
	p, _ := strconv.Unquote(spec.Path.Value)
	return p
}

// isStd reports whether an import path is the standard library's: its
// first element has no dot, as goimports decides.
func isStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// lineStart is where an import's text starts: its doc comment, or its
// name or path.
func lineStart(spec *ast.ImportSpec) token.Pos {
	if spec.Doc != nil {
		return spec.Doc.Pos()
	}
	return spec.Pos()
}

// lineEnd is where an import's line ends: after its comment, if any.
func lineEnd(spec *ast.ImportSpec) token.Pos {
	if spec.Comment != nil {
		return spec.Comment.End()
	}
	return spec.End()
}
