// Package program loads a whole Go program once — syntax, types, every
// fsmvet analyzer that needs no SSA, one SSA program and one call graph —
// for the modes that look across packages: 'fsmvet whole' now, the profile
// report and verify later. It runs the same detectors as the per-package
// passes; it adds the call graph, not a second set of rules.
package program

import (
	"cmp"
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/callgraph"
	"golang.org/x/tools/go/callgraph/cha"
	"golang.org/x/tools/go/callgraph/vta"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/ssa/ssautil"

	"github.com/fsmvet/fsmvet/internal/cli"
	"github.com/fsmvet/fsmvet/internal/govet"
	"github.com/fsmvet/fsmvet/passes/fsmswitch"
	"github.com/fsmvet/fsmvet/passes/generator"
	"github.com/fsmvet/fsmvet/passes/pollloop"
)

// A Program is a loaded, analysed whole program.
type Program struct {
	Fset  *token.FileSet
	Roots []*packages.Package // the packages the patterns named

	// Machines are the closed state machines fsmswitch found in the roots,
	// with its diagnostics; Known holds every machine of the program.
	Machines    []*fsmswitch.Machine
	Diagnostics []Diagnostic
	Known       map[*types.TypeName]*fsmswitch.MachineFact

	// Generators are the channel generators and iter.Pull loops the
	// generator analyzer found in the roots, reported or not.
	Generators []*generator.Finding

	SSA       *ssa.Program
	callGraph *callgraph.Graph // built on first need: see CallGraph
}

// A Diagnostic is a finding with the analyzer that made it.
type Diagnostic struct {
	Analyzer string
	analysis.Diagnostic
}

// Config says what to load.
type Config struct {
	Dir   string   // directory the patterns are relative to; "" for the current one
	Tests bool     // include test files and test packages
	Tags  string   // comma-separated build tags
	Env   []string // the go command's environment; nil for this process's
}

// Load loads the packages the patterns name and everything they import,
// and analyses them. Packages that do not load or type-check are an
// error, with every error listed as file:line: message.
func Load(cfg Config, patterns ...string) (*Program, error) {
	pkgs, err := packages.Load(&packages.Config{
		Mode:       packages.LoadAllSyntax | packages.NeedModule | packages.NeedForTest,
		Dir:        cfg.Dir,
		Env:        cfg.Env,
		Tests:      cfg.Tests,
		BuildFlags: cli.BuildFlags(cfg.Tags),
	}, patterns...)
	if err != nil {
		return nil, fmt.Errorf("loading %s: %w", strings.Join(patterns, " "), err)
	}
	if err := loadErrors(pkgs); err != nil {
		return nil, err
	}
	if len(pkgs) == 0 {
		return nil, fmt.Errorf("%s matched no packages", strings.Join(patterns, " "))
	}
	p := &Program{Fset: pkgs[0].Fset, Roots: govet.Variants(pkgs)}
	if err := p.runAnalyzers(); err != nil {
		return nil, err
	}
	p.SSA, _ = ssautil.AllPackages(p.Roots, ssa.InstantiateGenerics)
	p.SSA.Build()
	return p, nil
}

// loadErrors collects the errors of every package in the graph.
func loadErrors(pkgs []*packages.Package) error {
	var errs []error
	seen := make(map[string]bool) // a package and its test variant share their errors
	packages.Visit(pkgs, nil, func(pkg *packages.Package) {
		for _, text := range govet.PackageErrors(pkg.Errors) {
			if !seen[text] {
				seen[text] = true
				errs = append(errs, errors.New(text))
			}
		}
	})
	if len(errs) > 0 {
		return fmt.Errorf("packages do not load or type-check:\n%w", errors.Join(errs...))
	}
	return nil
}

// runAnalyzers runs fsmswitch over every package through the x/tools
// checker (facts flow from dependencies as in any driver), and generator
// over the roots, and keeps their results for the roots.
func (p *Program) runAnalyzers() error {
	graph, err := checker.Analyze([]*analysis.Analyzer{fsmswitch.Analyzer, generator.Analyzer}, p.Roots, nil)
	if err != nil {
		return fmt.Errorf("analysing: %w", err)
	}
	p.Known = make(map[*types.TypeName]*fsmswitch.MachineFact)
	for act := range graph.All() {
		if act.Err != nil {
			return fmt.Errorf("%s on %s: %w", act.Analyzer.Name, act.Package.PkgPath, act.Err)
		}
		if !act.IsRoot {
			continue
		}
		if act.Analyzer == generator.Analyzer {
			p.Generators = append(p.Generators, act.Result.(*generator.Result).Findings...)
			p.addDiagnostics(act)
			continue
		}
		if act.Analyzer != fsmswitch.Analyzer {
			continue
		}
		res := act.Result.(*fsmswitch.Result)
		p.Machines = append(p.Machines, res.Machines...)
		for tn, f := range res.Known {
			p.Known[tn] = f
		}
		p.addDiagnostics(act)
	}
	return nil
}

// addDiagnostics keeps what an analyzer reported on a root package.
func (p *Program) addDiagnostics(act *checker.Action) {
	for _, d := range act.Diagnostics {
		p.Diagnostics = append(p.Diagnostics, Diagnostic{Analyzer: act.Analyzer.Name, Diagnostic: d})
	}
}

// CallGraph returns the program's call graph, building it on first use.
//
// It is VTA (variable type analysis) seeded with CHA: CHA alone links an
// interface call to every type in the program with the method, which for
// Poll or Read is most of them; VTA keeps only the types whose values can
// flow to the call's receiver, so an executor is linked to the tasks the
// program really hands it. It is the costly step (about a second for std
// without tests, over a minute with its 250,000 test-variant functions),
// so a program with nothing to resolve never pays for it.
func (p *Program) CallGraph() *callgraph.Graph {
	if p.callGraph == nil {
		p.callGraph = vta.CallGraph(ssautil.AllFunctions(p.SSA), cha.CallGraph(p.SSA))
	}
	return p.callGraph
}

// PollLoops returns the poll loops of the root packages in position
// order, each with the implementations the call graph says it can reach:
// those that pollloop.Worth says are worth reporting, or with all, every
// one.
func (p *Program) PollLoops(all bool) []PollLoop {
	roots := make(map[*types.Package]*packages.Package)
	for _, pkg := range p.Roots {
		roots[pkg.Types] = pkg
	}
	var sites []PollLoop
	for fn := range ssautil.AllFunctions(p.SSA) {
		if fn.Pkg == nil || roots[fn.Pkg.Pkg] == nil || fn.Origin() != nil || fn.Synthetic != "" {
			continue // wrappers have no source; instances are covered by their generic origin
		}
		for _, site := range pollloop.Find(fn) {
			sites = append(sites, PollLoop{Site: site, Pkg: fn.Pkg.Pkg, Module: modulePath(roots[fn.Pkg.Pkg])})
		}
	}
	if len(sites) == 0 {
		return nil
	}
	// The functions come from a map: the order is the sites' own.
	slices.SortFunc(sites, func(a, b PollLoop) int { return p.Compare(a.Site.Pos(), b.Site.Pos()) })
	callees := p.calleesByPos()
	var loops []PollLoop
	for _, l := range sites {
		l.Impls = p.impls(callees[l.Site.Pos()])
		if pollloop.Worth(l.Site, l.Impls, all, l.Module) {
			loops = append(loops, l)
		}
	}
	return loops
}

// Compare orders two positions of the program by file name, line and
// column, as go vet prints findings.
func (p *Program) Compare(a, b token.Pos) int {
	pa, pb := p.Fset.Position(a), p.Fset.Position(b)
	return cmp.Or(strings.Compare(pa.Filename, pb.Filename), cmp.Compare(pa.Line, pb.Line), cmp.Compare(pa.Column, pb.Column))
}

// FuncAt returns the root package whose files hold pos, and the
// function declaration enclosing it (nil outside any): what a finding
// that knows only its position belongs to, and what code calls to run it.
// It returns nil, nil for a position outside the roots.
func (p *Program) FuncAt(pos token.Pos) (*packages.Package, *ast.FuncDecl) {
	for _, pkg := range p.Roots {
		for _, file := range pkg.Syntax {
			if pos < file.FileStart || pos >= file.FileEnd {
				continue
			}
			for _, d := range file.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Pos() <= pos && pos < fd.End() {
					return pkg, fd
				}
			}
			return pkg, nil
		}
	}
	return nil, nil
}

// Posn prints a position of the program as go vet does (govet.Posn).
func (p *Program) Posn(pos token.Pos) string { return govet.Posn(p.Fset.Position(pos)) }

// modulePath returns the path of a package's module, or "" (std).
func modulePath(pkg *packages.Package) string {
	if pkg.Module == nil {
		return ""
	}
	return pkg.Module.Path
}

// A PollLoop is a poll site with the implementations it may call.
type PollLoop struct {
	Module string // the path of the module of its package; "" for std
	Site   *pollloop.Site
	Impls  []pollloop.Impl
	Pkg    *types.Package
}

// Diagnostic describes the poll loop as the pollloop pass would, with the
// implementations from the call graph.
func (l PollLoop) Diagnostic() Diagnostic {
	return Diagnostic{Analyzer: pollloop.Analyzer.Name,
		Diagnostic: pollloop.Diagnostic(l.Site, l.Impls, pollloop.Qualifier(l.Pkg), "possible")}
}

// calleesByPos indexes the call graph's edges by call position. A call in
// a generic function has one site per instantiation; all share the
// position of the call in the source, so indexing by position unites them.
func (p *Program) calleesByPos() map[token.Pos][]*ssa.Function {
	byPos := make(map[token.Pos][]*ssa.Function)
	for _, node := range p.CallGraph().Nodes {
		for _, e := range node.Out {
			if e.Site != nil && e.Callee.Func != nil {
				byPos[e.Site.Pos()] = append(byPos[e.Site.Pos()], e.Callee.Func)
			}
		}
	}
	return byPos
}

// impls maps callees to the concrete types whose methods they are.
func (p *Program) impls(callees []*ssa.Function) []pollloop.Impl {
	seen := make(map[*types.TypeName]bool)
	var impls []pollloop.Impl
	for _, fn := range callees {
		recv := receiver(fn)
		if recv == nil {
			continue
		}
		t, ptr := recv.Type(), false
		if pt, ok := t.(*types.Pointer); ok {
			t, ptr = pt.Elem(), true
		}
		named, ok := types.Unalias(t).(*types.Named)
		if !ok || seen[named.Origin().Obj()] {
			continue
		}
		tn := named.Origin().Obj()
		seen[tn] = true
		impls = append(impls, pollloop.Impl{Type: tn, Pointer: ptr, Machine: p.Known[tn]})
	}
	pollloop.SortImpls(impls)
	return impls
}

// receiver returns the receiver a callee is declared with. A call on a *T
// reaches a method of T through a wrapper whose receiver is *T: the
// method's own receiver says that T implements the interface, whichever
// of the two the call graph lists first.
func receiver(fn *ssa.Function) *types.Var {
	if m, ok := fn.Object().(*types.Func); ok {
		return m.Signature().Recv()
	}
	return fn.Signature.Recv()
}
