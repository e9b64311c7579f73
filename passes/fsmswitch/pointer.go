package fsmswitch

import (
	"fmt"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/fsmvet/fsmvet/internal/typesx"
)

// The transition-pointer form: the state type becomes a function type,
// each state constant a function holding the case that handled it (or
// the method expression the case only calls), and the consumer switch
// one call of the function in the field. Transitions keep their text
// but for the states whose function has another name. With a destructor
// the enum stays, as a tag written beside a new function field.
// docs/design.md gives the rules.

// pointerForm builds the transition-pointer rewrite of one machine.
type pointerForm struct {
	*stateFuncs
	// keep is set when a destructor switch reads the state: the enum
	// stays as a tag, and the destructor is left as it is.
	keep bool

	exprs    map[*types.Const]string // what a transition to each state stores
	zeroExpr string                  // what the zero value runs; "" when no case does
	// unhandled are the states no clause handles; unhandledFn, when set,
	// is the function they and the zero value share.
	unhandled   []*types.Const
	unhandledFn string
	funcs       strings.Builder // the state functions' declarations
}

// suggestedFix returns the rewrite of m in the form of its fix, or an
// error saying why it cannot be built (a bug: no blocker stops it).
func suggestedFix(pass *analysis.Pass, m *Machine) (*analysis.SuggestedFix, error) {
	e, err := newEmitter(pass, m)
	if err != nil {
		return nil, err
	}
	if m.Fix == TableForm {
		return tableFix(newStateFuncs(e))
	}
	return pointerFix(&pointerForm{stateFuncs: newStateFuncs(e), keep: len(m.Dtors) > 0})
}

func pointerFix(p *pointerForm) (*analysis.SuggestedFix, error) {
	m, sw := p.m, p.m.Consumer
	var edits []analysis.TextEdit
	if p.keep {
		edits = append(edits, p.tagEdits()...)
	} else {
		edits = append(edits, p.typeEdits()...)
		for _, d := range m.decls.constDecls {
			edits = append(edits, analysis.TextEdit{Pos: declStart(d), End: d.End()})
		}
	}
	p.plan()
	start := sw.Stmt.Pos()
	if ls := sw.labeled(); ls != nil {
		start = ls.Pos() // its breaks are gone with it
	}
	for _, te := range p.transitionEdits() {
		if start <= te.Pos && te.Pos < p.end {
			p.inner = append(p.inner, te) // it moves with its case
		} else {
			edits = append(edits, te)
		}
	}
	if err := p.declareCases(); err != nil {
		return nil, err
	}
	if err := p.declareUnhandled(); err != nil {
		return nil, err
	}
	funcs, err := formatDecls([]byte(p.funcs.String()))
	if err != nil {
		return nil, err
	}
	edits = append(edits,
		analysis.TextEdit{Pos: start, End: p.end, NewText: []byte(p.dispatch())},
		analysis.TextEdit{Pos: sw.Decl.End(), End: sw.Decl.End(), NewText: funcs})
	return &analysis.SuggestedFix{
		Message: fmt.Sprintf("Rewrite %s to transition-pointer form: one function per state, no switch "+
			"(the machine escapes to the heap through the indirect call; benchmark before keeping it)", m.Name()),
		TextEdits: edits,
	}, nil
}

// plan decides what each state and the zero value run: the function of
// the clause that handles it, named after the clause's first state, or
// the method expression the clause only calls; the states no clause
// handles share the function of the first of them.
func (p *pointerForm) plan() {
	p.exprs = make(map[*types.Const]string)
	for _, c := range p.m.Consumer.Cases {
		expr, ok := p.methods[c]
		switch {
		case ok:
		case len(c.States) > 0:
			expr = p.fnName(c.States[0])
		case c.Zero:
			expr = p.m.Type.Name() + "Zero"
		}
		for _, st := range c.States {
			p.exprs[st] = expr
		}
		if c.Zero {
			p.zeroExpr = expr
		}
	}
	for _, st := range p.m.States {
		if p.exprs[st] == "" {
			p.unhandled = append(p.unhandled, st)
		}
	}
	if len(p.unhandled) > 0 {
		p.unhandledFn = p.fnName(p.unhandled[0])
		for _, st := range p.unhandled {
			p.exprs[st] = p.unhandledFn
		}
	}
	switch z := p.m.ZeroState(); {
	case z != nil:
		p.zeroExpr = p.exprs[z]
	case p.zeroExpr == "" && len(p.trailing) > 0:
		// No clause handles the zero value: it runs the code after the
		// switch, which moved into the function of the states no clause
		// handles.
		if p.unhandledFn == "" {
			p.unhandledFn = p.m.Type.Name() + "Zero"
		}
		p.zeroExpr = p.unhandledFn
	}
}

// declareCases declares the function of each clause that has one.
func (p *pointerForm) declareCases() error {
	for _, c := range p.m.Consumer.Cases {
		if _, isMethod := p.methods[c]; isMethod || len(c.States) == 0 && !c.Zero {
			continue // a method expression, or a default no state reaches
		}
		body, err := p.caseBody(c)
		if err != nil {
			return err
		}
		name := p.m.Type.Name() + "Zero"
		if len(c.States) > 0 {
			name = p.fnName(c.States[0])
		}
		p.decl(&p.funcs, name, p.caseDoc(c)+alsoStates(c.States), body)
	}
	return nil
}

// alsoStates says, on a line of a doc comment, which other states a
// clause's function runs.
func alsoStates(states []*types.Const) string {
	switch len(states) {
	case 0, 1:
		return ""
	case 2:
		return "\n// The state " + states[1].Name() + " runs it too."
	}
	var names []string
	for _, st := range states[1:] {
		names = append(names, st.Name())
	}
	return "\n// The states " + strings.Join(names, ", ") + " run it too."
}

// declareUnhandled declares the function of the states no clause
// handles, and of the zero value when no constant is zero and no clause
// handles it.
func (p *pointerForm) declareUnhandled() error {
	if p.unhandledFn == "" {
		return nil
	}
	body, err := p.unhandledBody()
	if err != nil {
		return err
	}
	method := typesx.MethodName(p.m.Consumer.Method)
	doc := "is a state no clause of " + method + " handles."
	if p.unhandled == nil {
		doc = "is the zero value, which no clause of " + method + " handles."
	}
	if len(p.trailing) > 0 {
		doc += "\n// It runs the code that followed the switch."
	}
	p.decl(&p.funcs, p.unhandledFn, doc+alsoStates(p.unhandled), body)
	return nil
}

// fnName is the name of the function for state st: the constant's own
// name, which it replaces, or with "Fn" added when the enum is kept.
func (p *pointerForm) fnName(st *types.Const) string {
	if p.keep {
		return st.Name() + "Fn"
	}
	return st.Name()
}

// fnField is the field that holds the state function.
func (p *pointerForm) fnField() string {
	if p.keep {
		return p.m.Field.Name() + "Fn"
	}
	return p.m.Field.Name()
}

// fnType is the type of the state function: the state type itself, or a
// new one beside it when the enum is kept.
func (p *pointerForm) fnType() string {
	if p.keep {
		return p.m.Type.Name() + "Fn"
	}
	return p.m.Type.Name()
}

// typeEdits turn the state type into a function type, importing in its
// file what its signature needs, and, for a generic struct, instantiate
// it in the field.
func (p *pointerForm) typeEdits() []analysis.TextEdit {
	spec := p.m.decls.typeSpec
	sig, need := signatureIn(p.pass.Pkg, p.m, p.m.decls.typeFile)
	edits := []analysis.TextEdit{{
		Pos: spec.Name.End(), End: spec.Type.End(),
		NewText: []byte(sig.tparams + " func" + p.funcType(sig, true)),
	}}
	edits = append(edits, importEdits(p.m.decls.typeFile, need)...)
	if tps := p.typeParamList(); tps != "" {
		ft := p.m.decls.field.Type
		edits = append(edits, analysis.TextEdit{Pos: ft.Pos(), End: ft.End(), NewText: []byte(p.m.Type.Name() + tps)})
	}
	return edits
}

// tagEdits declare the function type beside the kept enum, importing in
// its file what its signature needs, and the field beside the enum's.
func (p *pointerForm) tagEdits() []analysis.TextEdit {
	sig, need := signatureIn(p.pass.Pkg, p.m, p.m.decls.typeFile)
	decl := fmt.Sprintf("\n\n// %s is a state of %s as the function that runs it; the %s\n// field keeps %s for %s.\ntype %s%s func%s",
		p.fnType(), p.m.Struct.Name(), p.m.Field.Name(), p.m.Type.Name(), destructorNames(p.m),
		p.fnType(), sig.tparams, p.funcType(sig, true))
	field := p.m.decls.field
	end := field.End()
	if field.Comment != nil {
		end = field.Comment.End()
	}
	typeEnd := p.m.decls.typeDecl.End()
	edits := []analysis.TextEdit{
		{Pos: typeEnd, End: typeEnd, NewText: []byte(decl)},
		{Pos: end, End: end, NewText: []byte("\n" + p.fnField() + " " + p.fnType() + p.typeParamList())},
	}
	return append(edits, importEdits(p.m.decls.typeFile, need)...)
}

func destructorNames(m *Machine) string {
	var names []string
	for _, d := range m.Dtors {
		names = append(names, typesx.MethodName(d.Method))
	}
	return strings.Join(names, " and ")
}

// transitionEdits make every transition store the state's function: when
// the enum is kept, beside it; else in its place, where the function has
// another name than the constant (a method expression, a function shared
// by a case list).
func (p *pointerForm) transitionEdits() []analysis.TextEdit {
	var edits []analysis.TextEdit
	for _, t := range p.m.Transitions {
		expr := p.exprs[t.To]
		switch {
		case t.Kind == ZeroValue:
			// A zero value leaves the field nil: the dispatch maps nil
			// to the zero state.
		case p.keep && t.Kind == Assign:
			sel := t.target
			edits = append(edits,
				analysis.TextEdit{Pos: sel.End(), End: sel.End(), NewText: []byte(", " + p.text(sel.X) + "." + p.fnField())},
				analysis.TextEdit{Pos: t.value.End(), End: t.value.End(), NewText: []byte(", " + expr)})
		case p.keep:
			edits = append(edits, analysis.TextEdit{Pos: t.kv.End(), End: t.kv.End(), NewText: []byte(", " + p.fnField() + ": " + expr)})
		case p.text(t.value) != expr:
			edits = append(edits, analysis.TextEdit{Pos: t.value.Pos(), End: t.value.End(), NewText: []byte(expr)})
		}
	}
	return edits // no two at one position: applying them sorts them
}

// dispatch is the code that replaces the consumer switch: a call of the
// function in the field, a nil field being the zero value.
func (p *pointerForm) dispatch() string {
	field := p.sig.recvArg + "." + p.fnField()
	run := p.run(fmt.Sprintf("%s(%s)", field, p.callArgs()))
	if p.zeroExpr == "" {
		return fmt.Sprintf("if %s != nil { // nil: no case runs\n%s\n}", field, run)
	}
	return fmt.Sprintf("if %s == nil {\n%s = %s // the zero value\n}\n%s", field, field, p.zeroExpr, run)
}
