package lint

import (
	"fmt"
	"go/format"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/fsmvet/fsmvet/internal/edit"
)

// applyFixes applies the first fix of each finding, in the findings'
// order, a fix whole or not at all: a fix with an edit that overlaps one
// already taken, or inserts at the same place, is left out and named, so
// that the user runs fsmvet again. An edit identical to one already taken
// is taken once. Each changed file is gofmt'ed; with diff set, a unified
// diff is printed instead of writing the files.
func applyFixes(fs []finding, diff bool, stdout, stderr io.Writer) error {
	taken := make(map[string][]edit.Edit) // by file
	var skipped []string
	for _, f := range fs {
		if len(f.fixes) == 0 {
			continue
		}
		fx := f.fixes[0]
		var fresh []fileEdit
		conflict := false
		for _, e := range fx.edits {
			switch {
			case slices.Contains(taken[e.file], e.Edit):
			case slices.ContainsFunc(taken[e.file], e.Overlaps):
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
			taken[e.file] = append(taken[e.file], e.Edit)
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

// rewriteFile applies edits to a file and formats it; with diff set it
// prints the change as a unified diff instead of writing it.
func rewriteFile(file string, edits []edit.Edit, diff bool, stdout io.Writer) error {
	src, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("applying fixes: %w", err)
	}
	out, err := fixedSource(file, src, edits)
	if err != nil {
		return err
	}
	if diff {
		_, err = io.WriteString(stdout, edit.Diff(file, src, out, 3))
		return err
	}
	info, err := os.Stat(file)
	if err != nil {
		return fmt.Errorf("applying fixes: %w", err)
	}
	return os.WriteFile(file, out, info.Mode().Perm())
}

// fixedSource returns a file's text src with edits made, gofmt'ed.
func fixedSource(file string, src []byte, edits []edit.Edit) ([]byte, error) {
	fixed, err := edit.Apply(src, edits)
	if err != nil {
		return nil, fmt.Errorf("applying fixes to %s (changed since it was analysed?): %w", file, err)
	}
	out, err := format.Source(fixed)
	if err != nil {
		return nil, fmt.Errorf("applying fixes to %s gives code that does not parse (a bug in fsmvet; please report it): %w", file, err)
	}
	return out, nil
}
