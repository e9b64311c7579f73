// Package govet holds what fsmvet's drivers do as go vet does, so that
// every mode agrees with it and with each other: which variants of a
// package are analysed, and how a position is printed.
package govet

import (
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/packages"
)

// Variants chooses, among packages loaded with their tests, the ones to
// analyse, as go vet does: for a package with tests in its own package,
// the variant built with them (p [p.test]) instead of p; its external test
// package (p_test [p.test]); never the generated test main. Analysed
// twice, a package would tell two stories: the variant without its tests
// cannot see what they use, and would offer a fix that breaks them. The
// packages come in ID order.
func Variants(pkgs []*packages.Package) []*packages.Package {
	withTests := make(map[string]bool) // import paths that have a p [p.test]
	for _, p := range pkgs {
		if p.ForTest != "" && p.PkgPath == p.ForTest {
			withTests[p.PkgPath] = true
		}
	}
	var roots []*packages.Package
	for _, p := range pkgs {
		switch {
		case p.ForTest == "" && strings.HasSuffix(p.ID, ".test") && p.Name == "main":
			// the test main go test generates
		case p.ForTest == "" && withTests[p.PkgPath]:
			// replaced by its test variant
		default:
			roots = append(roots, p)
		}
	}
	slices.SortFunc(roots, func(a, b *packages.Package) int { return strings.Compare(a.ID, b.ID) })
	return roots
}

// Relative returns a file name relative to the working directory when the
// file is below it, and as it is otherwise.
func Relative(name string) string {
	wd, err := os.Getwd()
	if err != nil {
		return name
	}
	if rest, ok := strings.CutPrefix(name, wd+string(filepath.Separator)); ok {
		return rest
	}
	return name
}

// Posn prints a position as go vet does, file:line:col, the file relative
// to the working directory when it is below it; "-" for no position.
func Posn(p token.Position) string {
	if !p.IsValid() {
		return "-"
	}
	p.Filename = Relative(p.Filename)
	return p.String()
}

// ErrorText prints an error go list reported for a package: at its
// position, or alone when it has none (a pattern that matches no
// directory, a missing module), where go/packages would print "-: ".
func ErrorText(e packages.Error) string {
	if e.Pos == "" || e.Pos == "-" {
		return e.Msg
	}
	return Relative(e.Pos) + ": " + e.Msg // file:line:col, relative as Posn makes it
}

// PackageErrors prints a package's errors as go vet does: with a syntax
// error, only each file's first, with how many follow in it, and no type
// errors (they follow from the syntax); otherwise each as ErrorText.
func PackageErrors(errs []packages.Error) []string {
	var out []string
	if !slices.ContainsFunc(errs, func(e packages.Error) bool { return e.Kind == packages.ParseError }) {
		for _, e := range errs {
			out = append(out, ErrorText(e))
		}
		return out
	}
	var files []string
	first, more := map[string]string{}, map[string]int{}
	lines := map[string]bool{} // one error a line, as scanner.ErrorList.RemoveMultiples keeps
	for _, e := range errs {
		line := posLine(e.Pos)
		if e.Kind != packages.ParseError || lines[line] {
			continue
		}
		lines[line] = true
		file := posFile(e.Pos)
		if _, ok := first[file]; ok {
			more[file]++
			continue
		}
		files = append(files, file)
		first[file] = ErrorText(e)
	}
	for _, f := range files {
		text := first[f]
		if more[f] > 0 {
			text += fmt.Sprintf(" (and %d more errors)", more[f])
		}
		out = append(out, text)
	}
	return out
}

// posFile returns the file of a position go list prints, file:line:col
// or file:line; posLine its file:line.
func posFile(pos string) string { return trimNumbers(pos, 2) }
func posLine(pos string) string { return trimNumbers(pos, 1) }

// trimNumbers removes up to n trailing ":number" parts of a position.
func trimNumbers(pos string, n int) string {
	for range n {
		i := strings.LastIndexByte(pos, ':')
		if i < 0 || strings.Trim(pos[i+1:], "0123456789") != "" {
			break
		}
		pos = pos[:i]
	}
	return pos
}
