package fsmswitch

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"

	"github.com/fsmvet/fsmvet/internal/analyzerdoc"
	"github.com/fsmvet/fsmvet/passes/hotspot"
	"github.com/fsmvet/fsmvet/profile"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:       "fsmswitch",
	Doc:        analyzerdoc.MustSection(doc, "fsmswitch"),
	URL:        "https://pkg.go.dev/github.com/fsmvet/fsmvet/passes/fsmswitch",
	Requires:   []*analysis.Analyzer{inspect.Analyzer, hotspot.Analyzer},
	Run:        run,
	FactTypes:  []analysis.Fact{new(MachineFact)},
	ResultType: reflect.TypeFor[*Result](),
}

var inspectAnalyzer = inspect.Analyzer

// DefaultDestructors are the method names whose switch over the state is a
// destructor rather than a second consumer.
const DefaultDestructors = "Close,Stop,Release,Cancel,Abort"

var destructorsFlag = DefaultDestructors

func init() {
	Analyzer.Flags.StringVar(&destructorsFlag, "destructors", DefaultDestructors,
		"comma-separated method names whose switch over the state is a destructor, not a second consumer")
}

func run(pass *analysis.Pass) (any, error) {
	machines := findMachines(pass, nameSet(destructorsFlag))
	hot := pass.ResultOf[hotspot.Analyzer].(*hotspot.Result)
	for _, m := range machines {
		pass.ExportObjectFact(m.Struct, m.fact())
		if inGeneratedFile(pass, m.Consumer.Stmt.Pos()) {
			continue // generated code is fixed in its generator, not here
		}
		d := diagnostic(pass, m)
		keep, err := hot.Annotate(&d, profile.SymbolName(m.Consumer.Method), nil)
		if err != nil {
			return nil, err
		}
		if keep {
			pass.Report(d)
		}
	}
	for tn, state := range transitionPointerMachines(pass) {
		pass.ExportObjectFact(tn, &MachineFact{Form: TransitionPointerForm, Field: state})
	}
	return &Result{Machines: machines, Known: knownMachines(pass)}, nil
}

// knownMachines gathers the machine facts of this package and of every
// package it depends on.
func knownMachines(pass *analysis.Pass) map[*types.TypeName]*MachineFact {
	known := make(map[*types.TypeName]*MachineFact)
	for _, f := range pass.AllObjectFacts() {
		if tn, ok := f.Object.(*types.TypeName); ok {
			known[tn] = f.Fact.(*MachineFact)
		}
	}
	return known
}

// diagnostic builds the one report of a machine, at its consumer switch.
func diagnostic(pass *analysis.Pass, m *Machine) analysis.Diagnostic {
	sw := m.Consumer.Stmt
	end := sw.Pos() + token.Pos(len("switch"))
	if sw.Tag != nil {
		end = sw.Tag.End()
	}
	var msg strings.Builder
	fmt.Fprintf(&msg, "closed state machine: %s (%d states) in field %s, consumed by this switch in %s; %d transitions",
		m.Type.Name(), distinctStates(m.States), m.Name(), methodName(m.Consumer.Method), len(m.Transitions))
	for _, d := range m.Dtors {
		fmt.Fprintf(&msg, "; destructor switch in %s", methodName(d.Method))
	}
	if m.Blocked() {
		reasons := make([]string, len(m.Blockers))
		for i, b := range m.Blockers {
			reasons[i] = b.String()
		}
		fmt.Fprintf(&msg, "; rewrite to transition-pointer form blocked: %s", strings.Join(reasons, "; "))
	}
	d := analysis.Diagnostic{
		Pos:      sw.Pos(),
		End:      end,
		Category: "state-machine",
		Message:  msg.String(),
		Related:  related(m),
	}
	if !m.Blocked() {
		fix, err := suggestedFix(pass, m)
		if err != nil {
			// A machine with no blocker always has a fix; failing to build
			// one is a bug, said in the finding rather than hidden.
			d.Message += "; no fix offered: " + err.Error()
		} else {
			d.SuggestedFixes = []analysis.SuggestedFix{*fix}
		}
	}
	return d
}

// related points at the parts of the machine: its type, its transitions,
// its destructors and whatever blocks a rewrite.
func related(m *Machine) []analysis.RelatedInformation {
	rel := []analysis.RelatedInformation{{Pos: m.Type.Pos(), Message: "state type " + m.Type.Name()}}
	for _, t := range m.Transitions {
		rel = append(rel, analysis.RelatedInformation{Pos: t.Pos, Message: transitionText(t)})
	}
	for _, d := range m.Dtors {
		rel = append(rel, analysis.RelatedInformation{Pos: d.Stmt.Pos(), Message: "destructor switch in " + methodName(d.Method)})
	}
	for _, b := range m.Blockers {
		if b.Pos.IsValid() {
			rel = append(rel, analysis.RelatedInformation{Pos: b.Pos, Message: "blocks a rewrite: " + b.Reason})
		}
	}
	return rel
}

func transitionText(t Transition) string {
	switch {
	case t.Kind == ZeroValue && t.To == nil:
		return "zero value: starts in no state (no constant is zero)"
	case t.Kind == ZeroValue:
		return "zero value: starts in " + t.To.Name()
	default:
		return "transition to " + t.To.Name()
	}
}

// inGeneratedFile reports whether pos is in a generated file other than
// one cgo produced: cgo rewrites every file of a package that imports "C",
// and the driver analyses those copies, whose //line directives point back
// to the user's source; their machines are the user's and are reported.
func inGeneratedFile(pass *analysis.Pass, pos token.Pos) bool {
	f := fileOf(pass, pos)
	return f != nil && ast.IsGenerated(f) && !isCgoOutput(f)
}

// inCgoOutput reports whether pos is in a file cgo produced.
func inCgoOutput(pass *analysis.Pass, pos token.Pos) bool {
	f := fileOf(pass, pos)
	return f != nil && isCgoOutput(f)
}

func fileOf(pass *analysis.Pass, pos token.Pos) *ast.File {
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos < f.FileEnd {
			return f
		}
	}
	return nil
}

func isCgoOutput(f *ast.File) bool {
	for _, c := range f.Comments {
		if c.Pos() > f.Package {
			break
		}
		if strings.Contains(c.Text(), "Code generated by cmd/cgo") {
			return true
		}
	}
	return false
}

func nameSet(list string) map[string]bool {
	set := make(map[string]bool)
	for name := range strings.SplitSeq(list, ",") {
		if name = strings.TrimSpace(name); name != "" {
			set[name] = true
		}
	}
	return set
}
