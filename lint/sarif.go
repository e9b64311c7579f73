package lint

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"go/doc/comment"
	"go/token"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/owenrumney/go-sarif/v2/sarif"
	"golang.org/x/tools/go/analysis"

	"github.com/fsmvet/fsmvet/internal/edit"
	"github.com/fsmvet/fsmvet/internal/govet"
)

// SARIF 2.1.0, for code scanning (GitHub's upload-sarif) and SARIF
// viewers: one rule per analyzer, a result per finding with its related
// positions and its fixes.
const (
	// sarifSchema is the OASIS standard's schema (2.1.0 with errata 01),
	// the one the tests validate against.
	sarifSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	// srcRoot is the base of every relative artifact URI: the directory
	// fsmvet ran in, as the text output's file names are relative to it.
	srcRoot = "%SRCROOT%"
	// informationURI is fsmvet's home.
	informationURI = "https://github.com/fsmvet/fsmvet"
)

// printSARIF prints the findings of analyzers as a SARIF log; errs, the
// run's errors, are its tool execution notifications, and make the run
// unsuccessful, so that a consumer does not take a package that did not
// type-check for one with no findings.
func printSARIF(w io.Writer, fs []finding, analyzers []*analysis.Analyzer, errs []string) error {
	run := sarif.NewRunWithInformationURI("fsmvet", informationURI)
	// Go positions count bytes; GitHub, VS Code and most SARIF consumers
	// count UTF-16 code units, and the spec asks for the unit to be named.
	run.WithColumnKind("utf16CodeUnits")
	index := make(map[string]int)
	for i, a := range analyzers {
		run.Tool.Driver.AddRule(rule(a))
		index[a.Name] = i
	}
	files := make(sources)
	for _, f := range fs {
		res := run.CreateResultForRule(f.analyzer).
			WithRuleIndex(index[f.analyzer]).
			WithLevel("warning").
			WithMessage(sarif.NewTextMessage(f.message)).
			WithLocations([]*sarif.Location{files.location(f.posn, f.end, "")})
		for _, r := range f.related {
			res.AddRelatedLocation(files.location(r.posn, r.end, r.message))
		}
		for _, fx := range f.fixes {
			sf, err := files.fix(fx)
			if err != nil {
				return fmt.Errorf("SARIF for the fix at %s: %w", f.posn, err)
			}
			res.AddFix(sf)
		}
	}
	inv := run.AddInvocation(len(errs) == 0)
	for _, e := range errs {
		inv.AddTToolExecutionNotification(sarif.NewNotification().WithLevel("error").WithTextMessage(e))
	}
	log, err := sarif.New(sarif.Version210, false)
	if err != nil {
		return err
	}
	log.Schema = sarifSchema
	log.AddRun(run)
	// The library's Write escapes <, > and & as \u003c..., which would make
	// the Go code in fixes unreadable; the encoder need not.
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}

// rule describes an analyzer: its summary, its manual (Analyzer.Doc, the
// analyzer's section of its doc.go) as text and as Markdown, and its URL,
// the manual on pkg.go.dev.
func rule(a *analysis.Analyzer) *sarif.ReportingDescriptor {
	summary, _, _ := strings.Cut(a.Doc, "\n")
	r := sarif.NewRule(a.Name).WithName(a.Name).
		WithShortDescription(sarif.NewMultiformatMessageString(summary)).
		WithHelp(sarif.NewMultiformatMessageString(a.Doc).WithMarkdown(markdown(a.Doc)))
	if a.URL != "" {
		r.WithHelpURI(a.URL)
	}
	return r
}

// markdown renders doc comment text as Markdown, without the heading
// anchors ({#hdr-...}) that GitHub's Markdown would print as text.
func markdown(doc string) string {
	var p comment.Parser
	pr := comment.Printer{HeadingID: func(*comment.Heading) string { return "" }}
	return string(pr.Markdown(p.Parse(doc)))
}

// sources holds the content of the files a log points into, read once,
// to count columns in UTF-16 code units.
type sources map[string][]byte

func (s sources) read(file string) ([]byte, error) {
	if src, ok := s[file]; ok {
		return src, nil
	}
	src, err := os.ReadFile(file)
	if err == nil {
		s[file] = src
	}
	return src, err
}

// location returns a SARIF location for the text from p to end.
func (s sources) location(p, end token.Position, message string) *sarif.Location {
	region := sarif.NewRegion().WithStartLine(p.Line)
	src, err := s.read(p.Filename)
	if start, ok := utf16Column(src, p.Line, p.Column); err == nil && ok {
		region.WithStartColumn(start)
	}
	// A position with no end (the diagnostic's End unset) leaves the end
	// out: the region runs to the end of the line.
	if end != p {
		region.WithEndLine(end.Line)
		if stop, ok := utf16Column(src, end.Line, end.Column); err == nil && ok && region.StartColumn != nil {
			region.WithEndColumn(stop)
		}
	}
	loc := sarif.NewLocationWithPhysicalLocation(sarif.NewPhysicalLocation().
		WithArtifactLocation(artifact(p.Filename)).
		WithRegion(region))
	if message != "" {
		loc.WithMessage(sarif.NewTextMessage(message))
	}
	return loc
}

// fix returns a SARIF fix: for each file, its edits as replacements of
// regions of the file as it is, last first, so that a consumer that
// applies them one after the other in the array's order, as SARIF says
// to, finds each region where the log says it is.
func (s sources) fix(fx fix) (*sarif.Fix, error) {
	out := sarif.NewFix().WithDescription(sarif.NewTextMessage(fx.message))
	byFile := make(map[string][]edit.Edit)
	for _, e := range fx.edits {
		byFile[e.file] = append(byFile[e.file], e.Edit)
	}
	for _, file := range sortedKeys(byFile) {
		src, err := s.read(file)
		if err != nil {
			return nil, err
		}
		edits := byFile[file]
		slices.SortFunc(edits, func(a, b edit.Edit) int { return cmp.Compare(b.Start, a.Start) })
		change := sarif.NewArtifactChange(artifact(file))
		for _, e := range edits {
			if e.End > len(src) {
				return nil, fmt.Errorf("%s: edit %v is past its end (changed since it was analysed?)", file, e)
			}
			rep := sarif.NewReplacement(byteRegion(src, e.Start, e.End))
			if e.New != "" {
				rep.WithInsertedContent(sarif.NewArtifactContent().WithText(e.New))
			}
			change.WithReplacement(rep)
		}
		out.AddArtifactChanges(change)
	}
	return out, nil
}

// byteRegion returns the region of src from byte offset start to end,
// both as bytes (exact, for a consumer that edits bytes) and as lines and
// UTF-16 columns (what most consumers read).
func byteRegion(src []byte, start, end int) *sarif.Region {
	l0, c0 := lineColumn(src, start)
	l1, c1 := lineColumn(src, end)
	return sarif.NewRegion().
		WithStartLine(l0).WithStartColumn(c0).WithEndLine(l1).WithEndColumn(c1).
		WithByteOffset(start).WithByteLength(end - start)
}

// lineColumn returns the line and UTF-16 column of byte offset off in src.
func lineColumn(src []byte, off int) (line, col int) {
	before := src[:off]
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return 1 + bytes.Count(before, []byte("\n")), 1 + utf16Len(before[lineStart:])
}

// utf16Column converts col, a column in bytes as go/token counts them, on
// line of src to a column in UTF-16 code units. It reports false when src
// has no such line and column: a position moved by a //line directive
// into a file that is not the one read.
func utf16Column(src []byte, line, col int) (int, bool) {
	if line < 1 || col < 1 {
		return 0, false
	}
	rest := src
	for range line - 1 {
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			return 0, false
		}
		rest = rest[i+1:]
	}
	text, _, _ := bytes.Cut(rest, []byte("\n"))
	if col-1 > len(text) {
		return 0, false
	}
	return 1 + utf16Len(text[:col-1]), true
}

// utf16Len returns the length of b in UTF-16 code units; an invalid byte
// counts as one, as the replacement character it decodes to.
func utf16Len(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		n++
		if r > 0xFFFF {
			n++ // a surrogate pair
		}
		b = b[size:]
	}
	return n
}

// artifact returns the location of a file: relative to %SRCROOT% when it
// is below the working directory, an absolute file URI otherwise.
func artifact(file string) *sarif.ArtifactLocation {
	if rel := govet.Relative(file); !filepath.IsAbs(rel) {
		return sarif.NewArtifactLocation().WithUri(fileURI(rel)).WithUriBaseId(srcRoot)
	}
	path := filepath.ToSlash(file)
	if !strings.HasPrefix(path, "/") {
		path = "/" + path // a Windows drive: file:///C:/...
	}
	return sarif.NewArtifactLocation().WithUri((&url.URL{Scheme: "file", Path: path}).String())
}

// fileURI returns a relative file name as a relative URI reference,
// escaped: a space is %20, and a first segment with a colon is not taken
// for a scheme.
func fileURI(rel string) string {
	return (&url.URL{Path: filepath.ToSlash(rel)}).String()
}
