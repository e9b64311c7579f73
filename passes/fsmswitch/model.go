package fsmswitch

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// A Machine is a closed state machine: an enum-like state type, the one
// struct field that holds it, the transitions that write it and the single
// switch that consumes it, with a model of each of its cases. It is what
// the finder decides; the blockers, the reporter and every rewrite form
// only read it.
type Machine struct {
	Type   *types.TypeName // the state type
	States []*types.Const  // its constants, in declaration order
	Struct *types.TypeName // the struct declaring Field
	Field  *types.Var      // the state field (an origin field for generic structs)

	Consumer *Switch   // the one switch that consumes the state
	Dtors    []*Switch // switches in destructor methods (Close, Stop, ...)
	// Steps are the methods one call of which runs the consumer once at
	// most: the consumer's method, and methods that call it outside any
	// loop. A poll loop calling one of them through an interface pays two
	// dispatches per step; one calling a method that loops over steps
	// (an io.Reader's Read) pays one per many.
	Steps []*types.Func

	Transitions []Transition

	// Fix is the form of the rewrite offered: the first form that
	// -fsmswitch.form allows and no blocker stops; "" when none is.
	Fix Form
	// Blockers say why no rewrite is offered: what stops each form
	// -fsmswitch.form allows. Empty when a fix is offered.
	Blockers []Blocker
	// PointerBlockers, with a fix in the table form, say what stops the
	// transition-pointer form.
	PointerBlockers []Blocker

	decls *decls // the declarations a rewrite edits
	// anyValue is set when the field may hold a value no state constant
	// names (a computed write, its address taken): a table indexed by it
	// must bound the index.
	anyValue bool
}

// A Switch is a switch statement over the state field of a method's
// receiver, in a method of the machine's struct.
type Switch struct {
	Stmt   *ast.SwitchStmt
	Method *types.Func
	Decl   *ast.FuncDecl
	Recv   *types.Var // the receiver whose field it switches on
	Tagged bool       // switch r.state { ... } rather than switch { case r.state == c: ... }
	Cases  []*Case    // the consumer's cases, in source order; nil for other switches

	cur inspector.Cursor // where Stmt stands
}

// labeled returns the labelled statement that is the switch with its
// label (sw: switch ...), or nil.
func (sw *Switch) labeled() *ast.LabeledStmt {
	if sw.cur.ParentEdgeKind() != edge.LabeledStmt_Stmt {
		return nil
	}
	return sw.cur.Parent().Node().(*ast.LabeledStmt)
}

// label returns the label of the switch statement, or nil.
func (sw *Switch) label(info *types.Info) types.Object {
	if ls := sw.labeled(); ls != nil {
		return info.Defs[ls.Label]
	}
	return nil
}

// inFuncLit reports whether the switch stands in a function literal.
func (sw *Switch) inFuncLit() bool {
	for range sw.cur.Enclosing((*ast.FuncLit)(nil)) {
		return true
	}
	return false
}

// A Case is one clause of the consumer switch, as a rewrite sees it.
type Case struct {
	Clause *ast.CaseClause
	// States are the states the clause handles, the first naming its
	// function: those its list names and no earlier clause does, or, for
	// default, the states no clause names.
	States []*types.Const
	// Zero is set when the clause handles the zero value of a machine with
	// no zero state: a case naming 0 (r.state == 0), or default when none
	// does.
	Zero bool
	// Returns are the statements that return from the method; Breaks those
	// that leave the switch (a break, or a break to its label). A function
	// of its own must rewrite both.
	Returns []*ast.ReturnStmt
	Breaks  []*ast.BranchStmt
	// Terminates is set when the clause's last statement ends it for good
	// (a return, a panic, a break out of the switch): nothing of the case
	// runs after it.
	Terminates bool
}

// IsDefault reports whether the clause is the switch's default.
func (c *Case) IsDefault() bool { return c.Clause.List == nil }

// A Transition is a place that sets the state field.
type Transition struct {
	Pos  token.Pos
	To   *types.Const // the state written; nil for a zero value with no constant
	Kind TransitionKind

	target *ast.SelectorExpr // Assign: the selector assigned (r.state)
	value  ast.Expr          // Assign, Literal: the constant written
	kv     *ast.KeyValueExpr // Literal: the keyed element, nil if positional
}

// TransitionKind says how a transition sets the field.
type TransitionKind int

const (
	Assign    TransitionKind = iota // r.state = c
	Literal                         // T{state: c}
	ZeroValue                       // T{}, new(T), var t T
)

func (k TransitionKind) String() string {
	return [...]string{Assign: "assign", Literal: "literal", ZeroValue: "zero value"}[k]
}

// A Blocker is something that makes a rewrite unsafe, at Pos, which Where
// names as file:line.
type Blocker struct {
	Pos    token.Pos
	Where  string
	Reason string
	// Only is the one form it stops, "" when it stops every form: a use
	// of the state as a value stops the transition-pointer form, which
	// removes the enum, and not the table form, which keeps it.
	Only Form
}

// blocks reports whether b stops the rewrite to form.
func (b Blocker) blocks(form Form) bool { return b.Only == "" || b.Only == form }

func (b Blocker) String() string { return b.Reason + " at " + b.Where }

// Blocked reports whether no rewrite of m is offered.
func (m *Machine) Blocked() bool { return m.Fix == "" }

// ZeroState returns the state a zero struct starts in: the constant whose
// value is zero, or nil when no constant is zero (iota + 1 enums).
func (m *Machine) ZeroState() *types.Const { return zeroState(m.States) }

// NumStates returns the number of distinct states (constants with the
// same value are one state).
func (m *Machine) NumStates() int { return distinctStates(m.States) }

// Name returns the machine's name as users write it: Struct.field.
func (m *Machine) Name() string { return m.Struct.Name() + "." + m.Field.Name() }

// decls are the declarations of a machine that a rewrite edits.
type decls struct {
	typeSpec   *ast.TypeSpec
	typeDecl   *ast.GenDecl
	typeFile   *ast.File
	structSpec *ast.TypeSpec
	field      *ast.Field
	constDecls []*ast.GenDecl
	consumer   *ast.File // the file of the consumer method
}

// Result is the result of the fsmswitch analyzer for one package.
type Result struct {
	Machines []*Machine // closed state machines declared in this package

	// Known holds every state machine this package and its dependencies
	// declare, keyed by struct type: switch-dispatched ones and those
	// already in transition-pointer form. pollloop reads it to say what an
	// interface call dispatches to.
	Known map[*types.TypeName]*MachineFact
}

// Form says how a machine dispatches on its state.
type Form string

const (
	SwitchForm            Form = "switch"             // an enum field and a switch
	TransitionPointerForm Form = "transition-pointer" // a function-valued field
	TableForm             Form = "table"              // an enum field indexing a table of state functions
)

// MachineFact is exported on the struct type of a state machine so that
// analyzers of importing packages know what an interface call may
// dispatch to.
type MachineFact struct {
	Form        Form
	Field       string   // Struct.field
	Type        string   // state type name (switch form)
	States      int      // number of distinct states (switch form)
	Destructors []string // methods holding destructor switches (switch form)
	Steps       []string // methods one call of which is one step at most (switch form), sorted
	Fix         Form     // the form of the rewrite offered (switch form), "" when blocked
	Blockers    []string // reasons a rewrite is blocked, with positions
}

func (*MachineFact) AFact() {}

func (f *MachineFact) String() string {
	switch f.Form {
	case TransitionPointerForm:
		return "transition-pointer machine " + f.Field
	case TableForm:
		return "table-dispatched machine " + f.Field
	}
	s := fmt.Sprintf("state machine %s (%s, %d states)", f.Field, f.Type, f.States) // two at least (stateTypes)
	if len(f.Blockers) > 0 {
		s += ", rewrite blocked"
	}
	return s
}

func (m *Machine) fact() *MachineFact {
	f := &MachineFact{Form: SwitchForm, Type: m.Type.Name(), Field: m.Name(), States: m.NumStates(), Fix: m.Fix}
	for _, d := range m.Dtors {
		f.Destructors = append(f.Destructors, d.Method.Name())
	}
	for _, fn := range m.Steps {
		f.Steps = append(f.Steps, fn.Name())
	}
	slices.Sort(f.Steps)
	for _, b := range m.Blockers {
		f.Blockers = append(f.Blockers, b.String())
	}
	return f
}

// encloses reports whether pos lies in the source of n.
func encloses(n ast.Node, pos token.Pos) bool { return n.Pos() <= pos && pos < n.End() }
