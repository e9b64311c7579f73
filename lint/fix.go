package lint

import (
	"fmt"
	"go/format"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/pmezard/go-difflib/difflib"
)

// applyFixes applies the first fix of each finding, in the findings'
// order, a fix whole or not at all: a fix with an edit that overlaps one
// already taken, or inserts at the same place, is left out and named, so
// that the user runs fsmvet again. An edit identical to one already taken
// is taken once. Each changed file is gofmt'ed; with diff set, a unified
// diff is printed instead of writing the files.
func applyFixes(fs []finding, diff bool, stdout, stderr io.Writer) error {
	taken := make(map[string][]edit) // by file
	var skipped []string
	for _, f := range fs {
		if len(f.fixes) == 0 {
			continue
		}
		fx := f.fixes[0]
		var fresh []edit
		conflict := false
		for _, e := range fx.edits {
			switch {
			case slices.Contains(taken[e.file], e):
			case slices.ContainsFunc(taken[e.file], e.clashes):
				conflict = true
			default:
				fresh = append(fresh, e)
			}
		}
		if conflict {
			skipped = append(skipped, fmt.Sprintf("%s: %s", f.posn, fx.message))
			continue
		}
		for _, e := range fresh {
			taken[e.file] = append(taken[e.file], e)
		}
	}
	for _, file := range sortedKeys(taken) {
		if err := rewriteFile(file, taken[file], diff, stdout); err != nil {
			return err
		}
	}
	if len(skipped) > 0 {
		return fmt.Errorf("%d fixes overlap others and were not applied; run fsmvet -fix again:\n\t%s", len(skipped), strings.Join(skipped, "\n\t"))
	}
	return nil
}

// clashes reports whether e and o cannot both be applied in a well-defined
// order: their ranges overlap, or both start at the same offset.
func (e edit) clashes(o edit) bool {
	return e.file == o.file && (e.start < o.end && o.start < e.end || e.start == o.start)
}

// rewriteFile applies edits to a file and formats it; with diff set it
// prints the change as a unified diff instead of writing it.
func rewriteFile(file string, edits []edit, diff bool, stdout io.Writer) error {
	src, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("applying fixes: %w", err)
	}
	sortEdits(edits)
	var b strings.Builder
	at := 0
	for _, e := range edits {
		if e.end > len(src) {
			return fmt.Errorf("applying fixes: %s changed since it was analysed", file)
		}
		b.Write(src[at:e.start])
		b.WriteString(e.text)
		at = e.end
	}
	b.Write(src[at:])
	out, err := format.Source([]byte(b.String()))
	if err != nil {
		return fmt.Errorf("applying fixes to %s gives code that does not parse (a bug in fsmvet; please report it): %w", file, err)
	}
	if diff {
		text, err := difflib.GetUnifiedDiffString(difflib.UnifiedDiff{
			A: lines(string(src)), B: lines(string(out)),
			FromFile: file + " (before)", ToFile: file + " (after)", Context: 3,
		})
		if err != nil {
			return err
		}
		_, err = io.WriteString(stdout, text)
		return err
	}
	info, err := os.Stat(file)
	if err != nil {
		return fmt.Errorf("applying fixes: %w", err)
	}
	return os.WriteFile(file, out, info.Mode().Perm())
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
