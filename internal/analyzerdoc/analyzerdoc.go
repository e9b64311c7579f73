// Package analyzerdoc extracts an analyzer's documentation from the package
// comment of its doc.go, so the user manual (go doc) and Analyzer.Doc
// (fsmvet help NAME) are one text and cannot drift apart.
package analyzerdoc

import (
	"fmt"
	"go/parser"
	"go/token"
	"strings"
)

// Section returns the "# Analyzer NAME" section of the package comment in
// src, up to the next analyzer's section, without the heading and without the leading "NAME:" of its summary
// line, which is the form analysis.Analyzer.Doc expects.
func Section(src, name string) (string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", src, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		return "", fmt.Errorf("parsing doc.go: %w", err)
	}
	if f.Doc == nil {
		return "", fmt.Errorf("doc.go has no package comment")
	}
	// A section runs to the next analyzer's heading, so that its own
	// subsections (# Not reported, # Fix) are part of the help text.
	for section := range strings.SplitSeq(f.Doc.Text(), "\n# Analyzer ") {
		body, ok := strings.CutPrefix(strings.TrimPrefix(section, "# Analyzer "), name+"\n")
		if !ok {
			continue
		}
		rest, ok := strings.CutPrefix(strings.TrimSpace(body), name+":")
		if !ok {
			return "", fmt.Errorf("heading 'Analyzer %s' is not followed by '%s: summary'", name, name)
		}
		return strings.TrimSpace(rest), nil
	}
	return "", fmt.Errorf("package comment has no '# Analyzer %s' section", name)
}

// MustSection is Section for use in package initialisation, where a missing
// section is a programming error.
func MustSection(src, name string) string {
	doc, err := Section(src, name)
	if err != nil {
		panic(err)
	}
	return doc
}
