package fsmswitch

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/fsmvet/fsmvet/internal/edit"
	"github.com/fsmvet/fsmvet/internal/typesx"
)

// The transition-pointer form: the state type becomes a function type,
// each state constant a function holding the case that handled it, and
// the consumer switch one call of the function in the field. Transitions
// keep their text (r.state = readBody now stores a function). With a
// destructor the enum stays, as a tag written beside a new function field.
// docs/design.md gives the rules.

// pointerForm builds the transition-pointer rewrite of one machine.
type pointerForm struct {
	*emitter
	// tail is set when the switch ends the method: a state function's
	// results are the method's. flag is set when code follows the switch
	// and a case returns: state functions report whether it did. With
	// neither, a state function returns only the threaded named results.
	tail, flag bool
	// keep is set when a destructor switch reads the state: the enum
	// stays as a tag, and the destructor is left as it is.
	keep bool

	names  map[*Case]string // each case's function; none for a case no state reaches
	zeroFn string           // the function for the zero value; "" when no case runs for it
	inner  []analysis.TextEdit
}

// suggestedFix returns the rewrite of m, or an error saying why it cannot
// be built (a bug: m has no blocker).
func suggestedFix(pass *analysis.Pass, m *Machine) (*analysis.SuggestedFix, error) {
	e, err := newEmitter(pass, m)
	if err != nil {
		return nil, err
	}
	sw := m.Consumer
	p := &pointerForm{emitter: e, keep: len(m.Dtors) > 0, tail: isLastStmt(sw.Decl.Body, sw.Stmt)}
	p.flag = !p.tail && slices.ContainsFunc(sw.Cases, func(c *Case) bool { return len(c.Returns) > 0 })
	p.nameCases()

	var edits []analysis.TextEdit
	if p.keep {
		edits = append(edits, p.tagEdits()...)
	} else {
		edits = append(edits, p.typeEdits()...)
		for _, d := range m.decls.constDecls {
			edits = append(edits, analysis.TextEdit{Pos: declStart(d), End: d.End()})
		}
	}
	for _, te := range p.transitionEdits() {
		if encloses(sw.Stmt, te.Pos) { // an insertion: End is Pos
			p.inner = append(p.inner, te) // it moves with its case
		} else {
			edits = append(edits, te)
		}
	}
	start := sw.Stmt.Pos()
	if ls := sw.labeled(); ls != nil {
		start = ls.Pos() // its breaks are gone with it
	}
	edits = append(edits, analysis.TextEdit{Pos: start, End: sw.Stmt.End(), NewText: []byte(p.dispatch())})
	funcs, err := p.stateFuncs()
	if err != nil {
		return nil, err
	}
	edits = append(edits, analysis.TextEdit{Pos: sw.Decl.End(), End: sw.Decl.End(), NewText: funcs})
	return &analysis.SuggestedFix{
		Message: fmt.Sprintf("Rewrite %s to transition-pointer form: one function per state, no switch "+
			"(the machine escapes to the heap through the indirect call; benchmark before keeping it)", m.Name()),
		TextEdits: edits,
	}, nil
}

// nameCases names each case's function after its first state, or, for a
// case that only handles the zero value, after the type.
func (p *pointerForm) nameCases() {
	p.names = make(map[*Case]string)
	for _, c := range p.m.Consumer.Cases {
		switch {
		case len(c.States) > 0:
			p.names[c] = p.fnName(c.States[0])
		case c.Zero:
			p.names[c] = p.m.Type.Name() + "Zero"
		}
		if c.Zero {
			p.zeroFn = p.names[c]
		}
	}
	if z := p.m.ZeroState(); z != nil {
		p.zeroFn = p.fnName(z)
	}
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

// funcType is the state function's signature after "func", as code in
// the consumer's file writes it.
func (p *pointerForm) funcType() string { return p.funcTypeOf(p.sig) }

// funcTypeOf is funcType with the consumer's signature as sig writes it.
func (p *pointerForm) funcTypeOf(sig signature) string {
	var tparams []string
	for i, n := range sig.named {
		if n != "" && n != "_" {
			tparams = append(tparams, n+" "+sig.results[i])
		}
	}
	params := append([]string{sig.recv}, sig.params...)
	params = append(params, tparams...)
	var results []string
	switch {
	case p.tail:
		results = sig.results
	case p.flag:
		results = append(slices.Clone(sig.results), "bool")
	default:
		for i, n := range sig.named {
			if n != "" && n != "_" {
				results = append(results, sig.results[i])
			}
		}
	}
	s := "(" + strings.Join(params, ", ") + ")"
	switch len(results) {
	case 0:
	case 1:
		s += " " + results[0]
	default:
		s += " (" + strings.Join(results, ", ") + ")"
	}
	return s
}

// typeEdits turn the state type into a function type, importing in its
// file what its signature needs, and, for a generic struct, instantiate
// it in the field.
func (p *pointerForm) typeEdits() []analysis.TextEdit {
	spec := p.m.decls.typeSpec
	sig, need := signatureIn(p.pass.Pkg, p.m, p.m.decls.typeFile)
	edits := []analysis.TextEdit{{
		Pos: spec.Name.End(), End: spec.Type.End(),
		NewText: []byte(sig.tparams + " func" + p.funcTypeOf(sig)),
	}}
	edits = append(edits, edit.Imports(p.m.decls.typeFile, paths(need))...)
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
		p.fnType(), sig.tparams, p.funcTypeOf(sig))
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
	return append(edits, edit.Imports(p.m.decls.typeFile, paths(need))...)
}

func destructorNames(m *Machine) string {
	var names []string
	for _, d := range m.Dtors {
		names = append(names, typesx.MethodName(d.Method))
	}
	return strings.Join(names, " and ")
}

// transitionEdits make every transition store the state function too,
// when the enum is kept. Without it, transitions keep their text.
func (p *pointerForm) transitionEdits() []analysis.TextEdit {
	if !p.keep {
		return nil
	}
	var edits []analysis.TextEdit
	for _, t := range p.m.Transitions {
		switch t.Kind {
		case Assign:
			sel := t.target
			edits = append(edits,
				analysis.TextEdit{Pos: sel.End(), End: sel.End(), NewText: []byte(", " + p.text(sel.X) + "." + p.fnField())},
				analysis.TextEdit{Pos: t.value.End(), End: t.value.End(), NewText: []byte(", " + p.fnName(t.To))})
		case Literal:
			edits = append(edits, analysis.TextEdit{Pos: t.kv.End(), End: t.kv.End(), NewText: []byte(", " + p.fnField() + ": " + p.fnName(t.To))})
		}
		// A zero value leaves both fields zero: the dispatch maps a nil
		// function to the zero state.
	}
	return edits // no two at one position: applying them sorts them
}

// dispatch is the statement that replaces the consumer switch.
func (p *pointerForm) dispatch() string {
	fn := p.freshName("step")
	load := fmt.Sprintf("%s := %s.%s", fn, p.sig.recvArg, p.fnField())
	call := fmt.Sprintf("%s(%s)", fn, p.callArgs())
	var run string
	_, targs := p.threaded()
	switch {
	case p.tail && len(p.sig.results) == 0:
		run = call
	case p.tail:
		run = "return " + call
	case p.flag:
		run = p.flaggedCall(call)
	case len(targs) > 0:
		run = strings.Join(targs, ", ") + " = " + call
	default:
		run = call
	}
	var b strings.Builder
	if p.zeroFn != "" {
		fmt.Fprintf(&b, "%s\nif %s == nil {\n%s = %s // the zero value\n}\n%s", load, fn, fn, p.zeroFn, run)
	} else {
		fmt.Fprintf(&b, "if %s; %s != nil { // nil: no case runs\n%s\n}", load, fn, run)
	}
	if !p.tail && p.zeroFn != "" {
		return "{\n" + b.String() + "\n}" // scope the locals; an if with no zero function scopes its own
	}
	return b.String()
}

// flaggedCall runs a state function whose last result says whether the
// case returned from the method; otherwise the method goes on after the
// switch.
func (p *pointerForm) flaggedCall(call string) string {
	done := p.freshName("done")
	_, targs := p.threaded()
	switch {
	case len(targs) > 0:
		// Named results are threaded through the state function.
		return fmt.Sprintf("var %s bool\nif %s, %s = %s; %s {\nreturn\n}", done, strings.Join(p.resultVars(), ", "), done, call, done)
	case len(p.sig.results) == 0:
		return fmt.Sprintf("if %s {\nreturn\n}", call)
	default:
		var vars []string
		for i := range p.sig.results {
			vars = append(vars, p.freshName(fmt.Sprintf("r%d", i)))
		}
		return fmt.Sprintf("if %s, %s := %s; %s {\nreturn %s\n}", strings.Join(vars, ", "), done, call, done, strings.Join(vars, ", "))
	}
}

// stateFuncs returns the declarations of the state functions, formatted.
func (p *pointerForm) stateFuncs() ([]byte, error) {
	var b bytes.Buffer
	method := typesx.MethodName(p.m.Consumer.Method)
	handled := make(map[*types.Const]bool)
	for _, c := range p.m.Consumer.Cases {
		name, ok := p.names[c]
		if !ok {
			continue // a default no state reaches
		}
		body, err := p.caseBody(c)
		if err != nil {
			return nil, err
		}
		doc := fmt.Sprintf("// %s runs the %q clause of %s.", name, p.caseText(c)+":", method)
		fmt.Fprintf(&b, "\n\n%s\nfunc %s%s%s {\n%s\n}", doc, name, p.sig.tparams, p.funcType(), strings.TrimLeft(body, " \t\r\n"))
		for i, st := range c.States {
			handled[st] = true
			if i > 0 {
				fmt.Fprintf(&b, "\n\n// %s is handled as %s is, by the same clause of %s.\nfunc %s%s%s {\nreturn %s%s(%s)\n}",
					p.fnName(st), name, method, p.fnName(st), p.sig.tparams, p.funcType(), name, p.typeParamList(), p.callArgs())
			}
		}
	}
	for _, st := range p.m.States {
		if !handled[st] {
			fmt.Fprintf(&b, "\n\n// %s is a state no clause of %s handles.\nfunc %s%s%s {\n%s\n}",
				p.fnName(st), method, p.fnName(st), p.sig.tparams, p.funcType(), p.fallOff())
		}
	}
	return formatDecls(b.Bytes())
}

// caseText describes a clause as its source does.
func (p *pointerForm) caseText(c *Case) string {
	if c.IsDefault() {
		return "default"
	}
	return strings.TrimSpace(p.textRange(c.Clause.Case, c.Clause.Colon))
}

// fallOff is what a state function returns when its case ends without
// returning from the method: the method goes on after the switch.
func (p *pointerForm) fallOff() string {
	switch {
	case p.tail:
		return ""
	case p.flag:
		return "return " + strings.Join(append(p.currentResults(), "false"), ", ")
	}
	if _, targs := p.threaded(); len(targs) > 0 {
		return "return " + strings.Join(targs, ", ")
	}
	return ""
}

// caseBody returns the statements of a case rewritten for a function of
// their own: its returns say that the method returns, its breaks out of
// the switch fall off, as its end does.
func (p *pointerForm) caseBody(c *Case) (string, error) {
	if len(c.Clause.Body) == 0 {
		return p.fallOff(), nil
	}
	edits := slices.Clone(p.inner)
	for _, r := range c.Returns {
		if text, ok := p.returnText(r); ok {
			edits = append(edits, analysis.TextEdit{Pos: r.Pos(), End: r.End(), NewText: []byte(text)})
		}
	}
	for _, br := range c.Breaks {
		edits = append(edits, analysis.TextEdit{Pos: br.Pos(), End: br.End(), NewText: []byte(p.breakText())})
	}
	body, err := p.rewriteRange(c.Clause.Colon+1, c.Clause.End(), edits)
	if err != nil {
		return "", fmt.Errorf("rewriting %q: %w", p.caseText(c), err)
	}
	if fall := p.fallOff(); fall != "" && !c.Terminates {
		body += "\n" + fall
	}
	return body, nil
}

// returnText returns the new text of a return in a case, and false to
// keep it as it is.
func (p *pointerForm) returnText(ret *ast.ReturnStmt) (string, bool) {
	var vals []string
	switch {
	case len(ret.Results) > 0:
		if !p.flag {
			return "", false
		}
		vals = []string{p.textRange(ret.Results[0].Pos(), ret.Results[len(ret.Results)-1].End())}
	case len(p.sig.results) > 0:
		vals = p.currentResults() // a bare return of named results
	case !p.flag:
		return "", false
	}
	if p.flag {
		vals = append(vals, "true")
	}
	return "return " + strings.Join(vals, ", "), true
}

// breakText is what a break out of the consumer switch becomes.
func (p *pointerForm) breakText() string {
	if fall := p.fallOff(); fall != "" {
		return fall
	}
	return "return"
}

// paths returns the import paths of pkgs.
func paths(pkgs []*types.Package) []string {
	var out []string
	for _, p := range pkgs {
		out = append(out, p.Path())
	}
	return out
}
