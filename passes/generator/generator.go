package generator

import (
	"cmp"
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"go/version"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/fsmvet/fsmvet/internal/analyzerdoc"
	"github.com/fsmvet/fsmvet/passes/hotspot"
	"github.com/fsmvet/fsmvet/profile"
)

var Analyzer = &analysis.Analyzer{
	Name:       "generator",
	Doc:        analyzerdoc.MustSection(doc, "generator"),
	URL:        "https://pkg.go.dev/github.com/fsmvet/fsmvet/passes/generator",
	Requires:   []*analysis.Analyzer{inspect.Analyzer, buildssa.Analyzer, hotspot.Analyzer},
	Run:        run,
	ResultType: reflect.TypeFor[*Result](),
}

// doc is the manual: Analyzer.Doc is its section on the analyzer.
//
//go:embed doc.go
var doc string

var allFlag bool

func init() {
	Analyzer.Flags.BoolVar(&allFlag, "all", false,
		"also report channel generators whose rewrite is refused, with why (exported, other uses of the channel, a producer that may overlap work)")
}

// A Kind is what a finding is.
type Kind int

const (
	ChannelGenerator Kind = iota // a function whose goroutine sends values over a channel it returns
	PullLoop                     // a loop calling iter.Pull's next until it is done
)

func (k Kind) String() string {
	if k == PullLoop {
		return "iter.Pull loop"
	}
	return "channel generator"
}

// A Finding is a generator the analyzer found, reported or not.
type Finding struct {
	Kind     Kind
	Pos, End token.Pos // the generator's name; the iter.Pull call
	Name     string    // the function as code names it ((*T).walk), or the sequence pulled
	Func     string    // where it runs, as profiles name it: the generator, or the function holding the loop
	Blockers []Blocker // why no fix is offered; none when one is
	Exits    []Exit    // channel generators: consumer loops that leave early
	// Sites are where its hand-offs run, as profiles place them: the
	// generator, its goroutine and each consumer loop's line; the line
	// calling next.
	Sites      []profile.Site
	Diagnostic analysis.Diagnostic
}

// Fixed reports whether a fix is offered.
func (f *Finding) Fixed() bool { return len(f.Diagnostic.SuggestedFixes) > 0 }

// A Blocker is something that makes the rewrite change what the program
// does, at Pos, which Where names as file:line.
type Blocker struct {
	Pos    token.Pos
	Where  string
	Reason string

	concurrent bool // the goroutine may overlap work with the loop: the rewrite changes concurrency
}

func (b Blocker) String() string { return b.Reason + " at " + b.Where }

// An Exit is a consumer loop that can leave before the channel is
// closed: today its goroutine then blocks on its next send forever.
type Exit struct {
	Pos   token.Pos // the loop
	Where string
	How   []string // "return", "panic", "break", "goto", "continue" (of an outer loop), in source order, once each
}

// Result lists the package's generators and iter.Pull loops, reported or
// not, for the report and for drivers that work per package.
type Result struct {
	Findings []*Finding
}

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	hot := pass.ResultOf[hotspot.Analyzer].(*hotspot.Result)
	f := &finder{pass: pass, in: in, funcs: newSSAIndex(pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA))}
	var findings []*Finding
	for cur := range in.Root().Preorder((*ast.FuncDecl)(nil), (*ast.AssignStmt)(nil)) {
		var fd *Finding
		var err error
		switch n := cur.Node().(type) {
		case *ast.FuncDecl:
			fd, err = f.channelGenerator(cur, n)
		case *ast.AssignStmt:
			fd, err = f.pullLoop(cur, n)
		}
		if err != nil {
			return nil, err
		}
		if fd == nil || generated(fd.Pos, pass) {
			continue
		}
		findings = append(findings, fd)
		if len(fd.Blockers) > 0 && !allFlag {
			continue // reported by default only when nothing blocks its fix: see doc.go
		}
		d := fd.Diagnostic
		keep, err := annotate(hot, &d, fd)
		if err != nil {
			return nil, err
		}
		if keep {
			pass.Report(d)
		}
	}
	return &Result{Findings: findings}, nil
}

// finder holds what one run needs while it walks the package. It
// lives for one pass.
type finder struct {
	pass  *analysis.Pass
	in    *inspector.Inspector
	funcs *ssaIndex
	uses  map[types.Object][]inspector.Cursor // by usesOf, on first need

	iterImports map[*ast.File]iterImport // by pullImport, on first need
	// reader is io.Reader's method set, built on first need, for
	// deciding by type whether a producer reads input.
	reader *types.Interface
}

// usesOf returns the identifiers that use obj (for a generic function or
// method, any instance of it), in source order.
func (f *finder) usesOf(obj types.Object) []inspector.Cursor {
	if f.uses == nil {
		f.uses = make(map[types.Object][]inspector.Cursor)
		for c := range f.in.Root().Preorder((*ast.Ident)(nil)) {
			if o := f.pass.TypesInfo.Uses[c.Node().(*ast.Ident)]; o != nil {
				f.uses[origin(o)] = append(f.uses[origin(o)], c)
			}
		}
	}
	return f.uses[origin(obj)]
}

// origin returns the generic object an instance was made from.
func origin(obj types.Object) types.Object {
	switch o := obj.(type) {
	case *types.Func:
		return o.Origin()
	case *types.Var:
		return o.Origin()
	}
	return obj
}

// generated reports whether pos is in a generated file (cgo's copies
// among them): the generator is the place to act, and a fix would edit a
// copy.
func generated(pos token.Pos, pass *analysis.Pass) bool {
	tf := pass.Fset.File(pos)
	for _, f := range pass.Files {
		if pass.Fset.File(f.FileStart) == tf {
			return ast.IsGenerated(f)
		}
	}
	return false
}

// rangeOverFunc reports whether the file holding pos may range over a
// function, which the fix needs (Go 1.23). An unknown version is the
// newest, as the type checker takes it.
func (f *finder) rangeOverFunc(pos token.Pos) bool {
	file := f.fileOf(pos)
	if file == nil {
		return true
	}
	v := f.pass.TypesInfo.FileVersions[file]
	return v == "" || version.Compare(v, "go1.23") >= 0
}

// fileOf returns the syntax of the file holding pos.
func (f *finder) fileOf(pos token.Pos) *ast.File {
	for _, file := range f.pass.Files {
		if file.FileStart <= pos && pos < file.FileEnd {
			return file
		}
	}
	return nil
}

// where names a position as file:line, the form messages use.
func (f *finder) where(pos token.Pos) string {
	p := f.pass.Fset.Position(pos)
	return filepath.Base(p.Filename) + ":" + strconv.Itoa(p.Line)
}

func (f *finder) blocker(pos token.Pos, format string, args ...any) Blocker {
	return Blocker{Pos: pos, Where: f.where(pos), Reason: fmt.Sprintf(format, args...)}
}

// sortBlockers puts blockers in source order.
func sortBlockers(bs []Blocker) {
	slices.SortStableFunc(bs, func(a, b Blocker) int { return cmp.Compare(a.Pos, b.Pos) })
}

// shownBlockers is how many blockers a message names; the related
// positions hold them all.
const shownBlockers = 3

// blockersText says why no fix is offered: the first few blockers.
func blockersText(bs []Blocker) string {
	var reasons []string
	for _, b := range bs[:min(len(bs), shownBlockers)] {
		reasons = append(reasons, b.String())
	}
	if more := len(bs) - shownBlockers; more > 0 {
		reasons = append(reasons, fmt.Sprintf("and %d more", more))
	}
	return strings.Join(reasons, "; ")
}

// blockerRelated points at every blocker, as fsmswitch does: each is a
// place to act.
func blockerRelated(bs []Blocker) []analysis.RelatedInformation {
	var rel []analysis.RelatedInformation
	for _, b := range bs {
		rel = append(rel, analysis.RelatedInformation{Pos: b.Pos, Message: "blocks a rewrite: " + b.Reason})
	}
	return rel
}

// qualifier names types as code in pkg does: its own bare, others by
// their package's name.
func qualifier(pkg *types.Package) types.Qualifier {
	return func(p *types.Package) string {
		if p == pkg {
			return ""
		}
		return p.Name()
	}
}
