package lint

import (
	"cmp"
	"encoding/json"
	"fmt"
	"go/token"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/fsmvet/fsmvet/internal/govet"
)

// sortFindings orders findings by position, then analyzer and message,
// and drops repeats: the order packages finished in must not show.
func sortFindings(fs []finding) []finding {
	slices.SortFunc(fs, func(a, b finding) int {
		return cmp.Or(
			strings.Compare(a.posn.Filename, b.posn.Filename),
			cmp.Compare(a.posn.Offset, b.posn.Offset),
			strings.Compare(a.analyzer, b.analyzer),
			strings.Compare(a.message, b.message),
			strings.Compare(a.pkgID, b.pkgID))
	})
	return slices.CompactFunc(fs, func(a, b finding) bool {
		return a.posn == b.posn && a.analyzer == b.analyzer && a.message == b.message
	})
}

// printText prints each finding as go vet does: file:line:col: message,
// then its related positions, with files relative to the current
// directory when they are below it; with context >= 0, the finding's
// lines and that many around them.
func printText(w io.Writer, fs []finding, context int) {
	for _, f := range fs {
		fmt.Fprintf(w, "%s: %s\n", govet.Posn(f.posn), f.message)
		printContext(w, f.posn, f.end, context)
		for _, r := range f.related {
			fmt.Fprintf(w, "%s: \t%s\n", govet.Posn(r.posn), r.message)
		}
	}
}

func printContext(w io.Writer, from, to token.Position, context int) {
	if context < 0 {
		return
	}
	data, err := os.ReadFile(from.Filename)
	if err != nil {
		return
	}
	lines := strings.Split(string(data), "\n")
	for i := from.Line - context; i <= to.Line+context; i++ {
		if 1 <= i && i <= len(lines) {
			fmt.Fprintf(w, "%d\t%s\n", i, lines[i-1])
		}
	}
}

// The JSON form is x/tools' (go vet -json, multichecker -json): package
// ID, then analyzer name, then the list of its diagnostics.
type (
	jsonDiagnostic struct {
		Category       string        `json:"category,omitempty"`
		Posn           string        `json:"posn"`
		End            string        `json:"end"`
		Message        string        `json:"message"`
		SuggestedFixes []jsonFix     `json:"suggested_fixes,omitempty"`
		Related        []jsonRelated `json:"related,omitempty"`
	}
	jsonFix struct {
		Message string     `json:"message"`
		Edits   []jsonEdit `json:"edits"`
	}
	jsonEdit struct {
		Filename string `json:"filename"`
		Start    int    `json:"start"`
		End      int    `json:"end"`
		New      string `json:"new"`
	}
	jsonRelated struct {
		Posn    string `json:"posn"`
		End     string `json:"end"`
		Message string `json:"message"`
	}
)

func printJSON(w io.Writer, fs []finding) error {
	tree := make(map[string]map[string][]jsonDiagnostic)
	for _, f := range fs {
		d := jsonDiagnostic{Category: f.category, Posn: f.posn.String(), End: f.end.String(), Message: f.message}
		for _, fx := range f.fixes {
			jf := jsonFix{Message: fx.message, Edits: []jsonEdit{}}
			for _, e := range fx.edits {
				jf.Edits = append(jf.Edits, jsonEdit{Filename: e.file, Start: e.Start, End: e.End, New: e.New})
			}
			d.SuggestedFixes = append(d.SuggestedFixes, jf)
		}
		for _, r := range f.related {
			d.Related = append(d.Related, jsonRelated{Posn: r.posn.String(), End: r.end.String(), Message: r.message})
		}
		if tree[f.pkgID] == nil {
			tree[f.pkgID] = make(map[string][]jsonDiagnostic)
		}
		tree[f.pkgID][f.analyzer] = append(tree[f.pkgID][f.analyzer], d)
	}
	data, err := json.MarshalIndent(tree, "", "\t") // maps print in key order
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}
