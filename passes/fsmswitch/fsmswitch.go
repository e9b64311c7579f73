package fsmswitch

import (
	_ "embed"
	"fmt"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"

	"github.com/fsmvet/fsmvet/internal/analyzerdoc"
	"github.com/fsmvet/fsmvet/internal/typesx"
	"github.com/fsmvet/fsmvet/passes/hotspot"
	"github.com/fsmvet/fsmvet/profile"
)

var Analyzer = &analysis.Analyzer{
	Name:       "fsmswitch",
	Doc:        analyzerdoc.MustSection(doc, "fsmswitch"),
	URL:        "https://pkg.go.dev/github.com/fsmvet/fsmvet/passes/fsmswitch",
	FactTypes:  []analysis.Fact{new(MachineFact)},
	Requires:   []*analysis.Analyzer{inspect.Analyzer, hotspot.Analyzer},
	Run:        run,
	ResultType: reflect.TypeFor[*Result](),
}

// doc is the manual: Analyzer.Doc is its section on the analyzer.
//
//go:embed doc.go
var doc string

// DefaultDestructors are the method names whose switch over the state is a
// destructor rather than a second consumer.
const DefaultDestructors = "Close,Stop,Release,Cancel,Abort"

var (
	destructorsFlag = DefaultDestructors
	blockedFlag     bool
	formFlag        = formChoice("auto")
)

func init() {
	Analyzer.Flags.StringVar(&destructorsFlag, "destructors", DefaultDestructors,
		"comma-separated method names whose switch over the state is a destructor, not a second consumer")
	Analyzer.Flags.BoolVar(&blockedFlag, "blocked", false,
		"also report machines whose rewrite is blocked, with what blocks it")
	Analyzer.Flags.Var(&formFlag, "form",
		"the rewrite offered: pointer (the state becomes the function to run), table (the enum stays and indexes a table of state functions), "+
			"or auto (pointer, else table)")
}

// formChoice is the value of -fsmswitch.form.
type formChoice string

// formChoices are the forms each value allows, preferred first.
var formChoices = map[formChoice][]Form{
	"auto":    {TransitionPointerForm, TableForm},
	"pointer": {TransitionPointerForm},
	"table":   {TableForm},
}

func (c *formChoice) String() string { return string(*c) }

func (c *formChoice) Set(s string) error {
	if formChoices[formChoice(s)] == nil {
		return fmt.Errorf("%q is not a form: want auto, pointer or table", s)
	}
	*c = formChoice(s)
	return nil
}

func run(pass *analysis.Pass) (any, error) {
	machines := findMachines(pass, nameSet(destructorsFlag), formChoices[formFlag])
	hot := pass.ResultOf[hotspot.Analyzer].(*hotspot.Result)
	for _, m := range factMachines(machines) {
		pass.ExportObjectFact(m.Struct, m.fact())
	}
	for _, m := range machines {
		if !reported(pass, m) {
			continue
		}
		d, err := diagnostic(pass, m)
		if err != nil {
			return nil, err
		}
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
	for tn, state := range tableMachines(pass) {
		if !slices.ContainsFunc(machines, func(m *Machine) bool { return m.Struct == tn }) {
			pass.ExportObjectFact(tn, &MachineFact{Form: TableForm, Field: state})
		}
	}
	return &Result{Machines: machines, Known: knownMachines(pass)}, nil
}

// factMachines returns the machine each struct's fact describes: a struct
// has one fact, and may hold two machines (a decoder's step and its flush
// mode). The first with a fix offered stands for it, else the first, in
// field order, so that a poll loop reaching the struct is reported when
// any of its machines can be rewritten.
func factMachines(machines []*Machine) []*Machine {
	var out []*Machine
	for _, m := range machines {
		i := slices.IndexFunc(out, func(o *Machine) bool { return o.Struct == m.Struct })
		switch {
		case i < 0:
			out = append(out, m)
		case out[i].Blocked() && !m.Blocked():
			out[i] = m
		}
	}
	return out
}

// reported decides whether a machine is reported: by default only when a
// fix is offered, since a finding nobody can act on teaches people to turn
// the tool off; blocked machines with -fsmswitch.blocked. Machines in
// generated files are fixed in their generator, not here.
func reported(pass *analysis.Pass, m *Machine) bool {
	return (!m.Blocked() || blockedFlag) && !inGeneratedFile(pass, m.Consumer.Stmt.Pos())
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

// shownBlockers is how many blockers a message names; the related
// positions hold them all.
const shownBlockers = 3

// blockersText says what blocks a machine: the first shownBlockers
// reasons, each once with its positions (ten transitions in a generated
// file are one reason at ten places), and how many blockers more.
func blockersText(bs []Blocker) string {
	var reasons []string
	where := make(map[string][]string)
	for _, b := range bs {
		if where[b.Reason] == nil {
			reasons = append(reasons, b.Reason)
		}
		where[b.Reason] = append(where[b.Reason], b.Where)
	}
	var parts []string
	shown := 0
	for _, r := range reasons[:min(len(reasons), shownBlockers)] {
		ws := where[r]
		text := r + " at " + strings.Join(ws[:min(len(ws), shownBlockers)], ", ")
		if len(ws) > shownBlockers {
			text += fmt.Sprintf(" and %d more", len(ws)-shownBlockers)
		}
		parts = append(parts, text)
		shown += len(ws)
	}
	if more := len(bs) - shown; more > 0 {
		parts = append(parts, fmt.Sprintf("and %d more", more))
	}
	return strings.Join(parts, "; ")
}

// diagnostic builds the one report of a machine, at its consumer switch.
// It says in plain words what the machine is and what can be done: the
// fix, or the first few things that block it.
func diagnostic(pass *analysis.Pass, m *Machine) (analysis.Diagnostic, error) {
	sw := m.Consumer.Stmt
	end := sw.Pos() + token.Pos(len("switch"))
	if sw.Tag != nil {
		end = sw.Tag.End()
	}
	var msg strings.Builder
	// Nothing here may depend on the package's test files, so that the
	// package and its test variant say the same unless a test blocks the
	// rewrite. A state type has two states at least (stateTypes).
	fmt.Fprintf(&msg, "state machine %s (%s, %d states) is dispatched by this switch in %s",
		m.Name(), m.Type.Name(), m.NumStates(), typesx.MethodName(m.Consumer.Method))
	for _, d := range m.Dtors {
		fmt.Fprintf(&msg, "; %s's switch is kept as its destructor", typesx.MethodName(d.Method))
	}
	d := analysis.Diagnostic{Pos: sw.Pos(), End: end, Category: "state-machine", Related: related(m)}
	if m.Blocked() {
		fmt.Fprintf(&msg, "; no fix: %s", blockersText(m.Blockers))
	} else if pass.ReadFile == nil {
		// The fix is built from the file's text, which a driver that sets
		// no Pass.ReadFile (rules_go's nogo) does not let an analyzer read.
		msg.WriteString("; this driver cannot build the fix (it sets no Pass.ReadFile): fsmvet -fix offers it")
	} else {
		fix, err := suggestedFix(pass, m)
		if err != nil {
			return d, fmt.Errorf("rewriting %s: %w", m.Name(), err)
		}
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
		if m.Fix == TableForm {
			msg.WriteString("; fix: keep the state and call each state's function from a table indexed by it, so a step is one call and no switch (benchmark before keeping it)")
		} else {
			msg.WriteString("; fix: make each state the function that runs it, so a step is one call and no switch (benchmark before keeping it)")
		}
	}
	msg.WriteString(" (fsmvet help fsmswitch)")
	d.Message = msg.String()
	return d, nil
}

// related points at the parts of the machine a reader acts on: its type,
// its destructors and whatever blocks a rewrite. Transitions are counted
// in the message, not listed: a machine may have dozens.
func related(m *Machine) []analysis.RelatedInformation {
	rel := []analysis.RelatedInformation{{Pos: m.Type.Pos(), Message: "state type " + m.Type.Name()}}
	for _, d := range m.Dtors {
		rel = append(rel, analysis.RelatedInformation{Pos: d.Stmt.Pos(), Message: "destructor switch in " + typesx.MethodName(d.Method)})
	}
	for _, b := range m.Blockers {
		rel = append(rel, analysis.RelatedInformation{Pos: b.Pos, Message: "blocks a rewrite: " + b.Reason})
	}
	// With a table fix, the first few of what keeps the transition-pointer
	// form: the finding stays short, and names where to act for the other
	// form.
	for _, b := range m.PointerBlockers[:min(len(m.PointerBlockers), shownBlockers)] {
		rel = append(rel, analysis.RelatedInformation{Pos: b.Pos, Message: "blocks the transition-pointer form: " + b.Reason})
	}
	return rel
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
